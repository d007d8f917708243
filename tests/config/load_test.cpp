// Loading real configs: demo.yaml with the pain-network preset, path resolution, the resolved
// text (checked against a PyYAML reference of the rules), and the config hash.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "acuroi/config/config.hpp"
#include "acuroi/core/hash.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::ScratchDir;
using testing::source_path;

// Our resolved text against reference_resolve.py's derivation from the same file.
void expect_matches_reference(const std::filesystem::path& config_file) {
  ScratchDir dir;
  const auto resolved = dir.write("resolved.yaml", resolved_yaml(load_config(config_file)));
  const auto result = testing::run_program(std::string(ACUROI_PYTHON) + " " +
                                           source_path("tests/config/reference_resolve.py") + " " +
                                           config_file.string() + " " + resolved.string());
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "ok\n");
}

TEST(ConfigLoad, DemoConfigWithPainNetworkPreset) {
  const Config c = load_config(source_path("configs/demo.yaml"));
  EXPECT_EQ(c.study.name, "demo");
  EXPECT_EQ(c.study.dataset, source_path("data-samples/demo"));
  EXPECT_EQ(c.study.participants_file, source_path("data-samples/demo/participants.tsv"));
  EXPECT_EQ(c.rois.preset, source_path("configs/pain-network.yaml"));
  EXPECT_EQ(c.output.dir, source_path("out/demo"));
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"ACC", {"Cingulum_Ant_L", "Cingulum_Ant_R"}},
      {"insula", {"Insula_L", "Insula_R"}},
      {"S1", {"Postcentral_L", "Postcentral_R"}},
      {"thalamus", {"Thalamus_L", "Thalamus_R"}},
      {"DMN_mPFC",
       {"Frontal_Sup_Medial_L", "Frontal_Sup_Medial_R", "Frontal_Med_Orb_L", "Frontal_Med_Orb_R"}},
      {"DMN_PCC_precuneus", {"Cingulum_Post_L", "Cingulum_Post_R", "Precuneus_L", "Precuneus_R"}},
      {"DMN_angular", {"Angular_L", "Angular_R"}}};
  ASSERT_EQ(c.rois.regions.size(), 8u);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const RegionSpec& r = c.rois.regions[i];
    EXPECT_EQ(r.name, expected[i].first);
    EXPECT_EQ(r.kind, RegionKind::labels);
    EXPECT_EQ(r.labels.names, expected[i].second);
    EXPECT_TRUE(r.labels.values.empty());
    EXPECT_FALSE(r.description.empty()) << r.name;
    EXPECT_EQ(region_atlas(c.rois, r), kAalAtlasPath);
    EXPECT_EQ(region_label_table(c.rois, r), kAalLabelTablePath);
    EXPECT_EQ(r.origin.file, source_path("configs/pain-network.yaml"));
    EXPECT_EQ(r.origin.key, "regions[" + std::to_string(i) + "]");
  }
  const RegionSpec& dmn = c.rois.regions[7];
  EXPECT_EQ(dmn.name, "DMN");
  EXPECT_EQ(dmn.kind, RegionKind::union_of);
  EXPECT_EQ(dmn.union_of,
            (std::vector<std::string>{"DMN_mPFC", "DMN_PCC_precuneus", "DMN_angular"}));
  expect_matches_reference(source_path("configs/demo.yaml"));
}

// Every label the preset names exists in Debian's AAL table (read here, independently).
TEST(ConfigLoad, PainNetworkLabelsExistInTheAalTable) {
  std::ifstream table(kAalLabelTablePath);
  ASSERT_TRUE(table) << kAalLabelTablePath;
  std::set<std::string> names;
  for (std::string index, name, code; table >> index >> name >> code;) names.insert(name);
  ASSERT_EQ(names.size(), 116u);
  const Config c = load_config(source_path("configs/demo.yaml"));
  for (const auto& r : c.rois.regions)
    for (const auto& label : r.labels.names)
      EXPECT_TRUE(names.count(label)) << r.name << ": " << label;
}

TEST(ConfigLoad, RelativePathsResolveAgainstTheirOwnFile) {
  ScratchDir dir;
  const auto p = dir.path();
  dir.write("presets/set.yaml",
            "regions:\n"
            "  - {name: lesion, mask: masks/lesion.nii.gz}\n"
            "  - {name: own_atlas, atlas: atlases/a.nii.gz, label_table: atlases/a.tsv, labels: "
            "[3, x]}\n");
  const auto file = dir.write("studies/one/study.yaml",
                              "study:\n"
                              "  dataset: ../data/\n"
                              "  participants_file: tables/../p.tsv\n"
                              "rois:\n"
                              "  atlas: /opt/atlas/./labels.nii.gz\n"
                              "  labels: labels.tsv\n"
                              "  preset: ../../presets/set.yaml\n"
                              "  regions:\n"
                              "    - {name: m2, mask: m2.nii}\n"
                              "output: {dir: out}\n");
  const Config c = load_config(file);
  EXPECT_EQ(c.study.dataset, p / "studies/data");
  EXPECT_EQ(c.study.participants_file, p / "studies/data/p.tsv");
  EXPECT_EQ(c.rois.atlas, "/opt/atlas/labels.nii.gz");
  EXPECT_EQ(c.rois.labels, p / "studies/one/labels.tsv");
  EXPECT_EQ(c.rois.preset, p / "presets/set.yaml");
  ASSERT_EQ(c.rois.regions.size(), 3u);
  EXPECT_EQ(c.rois.regions[0].mask, p / "presets/masks/lesion.nii.gz");
  EXPECT_EQ(c.rois.regions[1].atlas, p / "presets/atlases/a.nii.gz");
  EXPECT_EQ(c.rois.regions[1].label_table, p / "presets/atlases/a.tsv");
  EXPECT_EQ(c.rois.regions[1].labels.values, std::vector<std::int32_t>{3});
  EXPECT_EQ(c.rois.regions[1].labels.names, std::vector<std::string>{"x"});
  EXPECT_EQ(c.rois.regions[2].mask, p / "studies/one/m2.nii");
  EXPECT_EQ(c.output.dir, p / "studies/one/out");
  expect_matches_reference(file);
}

TEST(ConfigLoad, ResolvedTextReparsesToTheSameConfig) {
  const Config demo = load_config(source_path("configs/demo.yaml"));
  const std::string text = resolved_yaml(demo);
  ScratchDir dir;  // elsewhere: every path in the text is absolute
  const Config again = load_config(dir.write("again.yaml", text));
  EXPECT_EQ(again, demo);
  EXPECT_EQ(resolved_yaml(again), text);
  EXPECT_EQ(config_hash(again), config_hash(demo));
}

TEST(ConfigLoad, HashIsStableAcrossLayoutAndChangesWithValues) {
  ScratchDir dir;
  const std::string block =
      "# a comment\n"
      "study:\n  dataset: data\n  arms: [a, b]\n"
      "rois:\n  min_coverage: 0.5\n  regions:\n    - name: s\n      sphere:\n"
      "        radius_mm: 8\n        center_mm: [0, -52, 26]\n";
  const std::string flow =  // same content: other key order, flow style, 0.50, sub-key order
      "rois: {regions: [{sphere: {center_mm: [0.0, -52, 26.0], radius_mm: 8.0}, name: s}], "
      "min_coverage: 0.50}\nstudy: {arms: [a, b], dataset: ./data}\n";
  const Config a = load_config(dir.write("a.yaml", block));
  const Config b = load_config(dir.write("b.yaml", flow));
  EXPECT_EQ(config_hash(a), config_hash(b));
  EXPECT_EQ(config_hash(a), config_hash(load_config(dir.path() / "a.yaml")));
  EXPECT_EQ(config_hash(a), core::sha256_hex(resolved_yaml(a)));
  EXPECT_EQ(config_hash(a).size(), 64u);

  std::string coverage = block;
  coverage.replace(coverage.find("0.5"), 3, "0.6");
  EXPECT_NE(config_hash(load_config(dir.write("c.yaml", coverage))), config_hash(a));
  std::string radius = block;
  radius.replace(radius.find("radius_mm: 8"), 12, "radius_mm: 9");
  EXPECT_NE(config_hash(load_config(dir.write("d.yaml", radius))), config_hash(a));
  // A different folder is a different dataset path, hence a different config.
  EXPECT_NE(config_hash(load_config(dir.write("sub/a.yaml", block))), config_hash(a));
}

TEST(ConfigLoad, PrefixesAndEmptyValues) {
  const Config c = parse_config(
      "study:\n  dataset: /d\n  sessions: {pre: ses-baseline, post: ses-followup}\n"
      "participants:\n  include: [sub-01, '02']\n  exclude:\n",
      "/tmp");
  EXPECT_EQ(c.study.sessions.pre, "baseline");
  EXPECT_EQ(c.study.sessions.post, "followup");
  EXPECT_EQ(c.participants.include, (std::vector<std::string>{"01", "02"}));
  EXPECT_TRUE(c.participants.exclude.empty());
}

}  // namespace
}  // namespace acuroi::config

namespace acuroi::config {
namespace {

// Section hashes: the resolved text of those sections only, so work depending on them is not
// redone when another section (here extraction.threads) changes.
TEST(ConfigLoad, SectionHashesFollowOnlyTheirSections) {
  const Config a = parse_config("study: {dataset: d}\nextraction: {threads: 2}\n", "/b");
  const Config b = parse_config("study: {dataset: d}\nextraction: {threads: 4}\n", "/b");
  const Config c = parse_config("study: {dataset: d}\nrois: {min_coverage: 0.7}\n", "/b");
  EXPECT_EQ(config_hash(a, {"study", "rois"}), config_hash(b, {"rois", "study"}));
  EXPECT_NE(config_hash(a), config_hash(b));
  EXPECT_NE(config_hash(a, {"study", "rois"}), config_hash(c, {"study", "rois"}));
  // The full text is the sections' texts in order.
  EXPECT_EQ(resolved_yaml(a, {"hpc", "output", "meta", "group", "measures", "denoise",
                              "extraction", "rois", "participants", "study"}),
            resolved_yaml(a));
  EXPECT_EQ(resolved_yaml(a, {"extraction"}), "extraction:\n  threads: 2\n");
  EXPECT_THROW(resolved_yaml(a, {"rois.atlas"}), std::invalid_argument);
  EXPECT_THROW(resolved_yaml(a, {"nope"}), std::invalid_argument);
}

}  // namespace
}  // namespace acuroi::config
