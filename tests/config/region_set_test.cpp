// The region set: preset regions first, config regions replacing same-named ones in place,
// label names vs values, per-region atlases and their label tables.
#include <gtest/gtest.h>

#include "acuroi/config/config.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::ScratchDir;

std::vector<std::string> names_of(const std::vector<RegionSpec>& regions) {
  std::vector<std::string> names;
  for (const auto& r : regions) names.push_back(r.name);
  return names;
}

TEST(ConfigRegionSet, ConfigRegionsReplacePresetRegionsInPlaceAndAppendNewOnes) {
  ScratchDir dir;
  dir.write("p.yaml",
            "description: test set\n"
            "regions:\n"
            "  - {name: A, labels: [Insula_L]}\n"
            "  - {name: B, labels: [Insula_R]}\n"
            "  - {name: AB, union: [A, B]}\n");
  const Config c =
      load_config(dir.write("c.yaml",
                            "study: {dataset: d}\n"
                            "rois:\n"
                            "  preset: p.yaml\n"
                            "  regions:\n"
                            "    - {name: C, mask: c.nii.gz}\n"
                            "    - {name: B, sphere: {center_mm: [1, 2, 3], radius_mm: 4.5}}\n"));
  EXPECT_EQ(names_of(c.rois.regions), (std::vector<std::string>{"A", "B", "AB", "C"}));
  const RegionSpec& b = c.rois.regions[1];
  EXPECT_EQ(b.kind, RegionKind::sphere);
  EXPECT_EQ(b.sphere.center_mm, (std::array<double, 3>{1, 2, 3}));
  EXPECT_EQ(b.sphere.radius_mm, 4.5);
  EXPECT_EQ(b.origin.line, 6);
  EXPECT_EQ(b.origin.column, 7);
  EXPECT_EQ(b.origin.key, "rois.regions[1]");
  EXPECT_EQ(c.rois.regions[0].origin.key, "regions[0]");
  EXPECT_EQ(c.rois.regions[3].mask, dir.path() / "c.nii.gz");
}

TEST(ConfigRegionSet, UnionMembersMayComeLater) {
  const Config c = parse_config(
      "study: {dataset: d}\nrois:\n  regions:\n"
      "    - {name: all, union: [left, right]}\n"
      "    - {name: left, labels: [Insula_L]}\n"
      "    - {name: right, labels: [Insula_R]}\n",
      "/tmp");
  EXPECT_EQ(names_of(c.rois.regions), (std::vector<std::string>{"all", "left", "right"}));
}

TEST(ConfigRegionSet, LabelNamesAndValues) {
  const Config c = parse_config(
      "study: {dataset: d}\nrois:\n  regions:\n"
      "    - {name: r, labels: [Insula_L, 30, \"31\", +32]}\n",
      "/tmp");
  const RegionLabels& labels = c.rois.regions[0].labels;
  EXPECT_EQ(labels.names, (std::vector<std::string>{"Insula_L", "31"}));  // quoted = a name
  EXPECT_EQ(labels.values, (std::vector<std::int32_t>{30, 32}));
  // Printed back, a quoted name stays a name.
  const Config again = parse_config(resolved_yaml(c), "/elsewhere");
  EXPECT_EQ(again.rois.regions[0].labels, labels);
}

TEST(ConfigRegionSet, PerRegionAtlasAndLabelTables) {
  const Config c = parse_config(
      "study: {dataset: d}\n"
      "rois:\n"
      "  atlas: atlases/ho.nii.gz\n"
      "  labels: atlases/ho.tsv\n"
      "  regions:\n"
      "    - {name: own, labels: [3]}\n"
      "    - {name: aal_one, atlas: aal, labels: [Insula_L]}\n"
      "    - {name: other, atlas: b.nii.gz, labels: [4]}\n",
      "/base");
  const RoiSettings& rois = c.rois;
  EXPECT_EQ(region_atlas(rois, rois.regions[0]), "/base/atlases/ho.nii.gz");
  EXPECT_EQ(region_label_table(rois, rois.regions[0]), "/base/atlases/ho.tsv");
  EXPECT_EQ(region_atlas(rois, rois.regions[1]), kAalAtlasPath);
  EXPECT_EQ(region_label_table(rois, rois.regions[1]), kAalLabelTablePath);
  EXPECT_EQ(region_atlas(rois, rois.regions[2]), "/base/b.nii.gz");
  EXPECT_EQ(region_label_table(rois, rois.regions[2]), "");
}

TEST(ConfigRegionSet, AtlasOnlyForLabelRegions) {
  EXPECT_EQ(testing::config_error_of([] {
              parse_config(
                  "study: {dataset: d}\nrois:\n  regions:\n"
                  "    - {name: m, mask: m.nii, atlas: aal}\n",
                  "/tmp", "t.yaml");
            }),
            "t.yaml:4:37: rois.regions[0].atlas: only label regions take 'atlas'");
}

}  // namespace
}  // namespace acuroi::config
