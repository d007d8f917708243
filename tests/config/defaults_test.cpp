// The commented default config: complete, documented, and parsing back to the defaults.
#include <gtest/gtest.h>

#include <sstream>

#include "acuroi/config/config.hpp"
#include "config_schema.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::ScratchDir;

TEST(ConfigDefaults, PrintParsesBackToTheDefaults) {
  ScratchDir dir;
  const auto file = dir.write("acuroi.yaml", default_config_yaml());
  const Config c = load_config(file);
  const auto base = dir.path();
  // Expected values from the brief, written out here (not taken from the schema).
  EXPECT_EQ(c.study.name, "study");
  EXPECT_EQ(c.study.dataset, base / "path/to/derivatives");  // the required key's example
  EXPECT_EQ(c.study.participants_file, base / "path/to/derivatives/participants.tsv");
  EXPECT_EQ(c.study.arm_column, "arm");
  EXPECT_EQ(c.study.arms, (std::vector<std::string>{"acupuncture", "sham"}));
  EXPECT_EQ(c.study.sessions.pre, "pre");
  EXPECT_EQ(c.study.sessions.post, "post");
  EXPECT_EQ(c.study.task, "rest");
  EXPECT_EQ(c.study.space, "MNI152NLin6Asym");
  EXPECT_TRUE(c.participants.include.empty());
  EXPECT_TRUE(c.participants.exclude.empty());
  EXPECT_EQ(c.rois.atlas, "/usr/share/mricron/templates/aal.nii.gz");
  EXPECT_EQ(c.rois.labels, "/usr/share/mricron/templates/aal.nii.txt");
  EXPECT_TRUE(c.rois.preset.empty());
  EXPECT_TRUE(c.rois.regions.empty());
  EXPECT_EQ(c.rois.min_coverage, 0.5);
  EXPECT_EQ(c.rois.strategy, RoiStrategy::mean);
  EXPECT_EQ(c.extraction.threads, 0);
  EXPECT_EQ(c.output.dir, base / "acuroi-out");
  EXPECT_TRUE(c.output.write_tsv);

  // The same as a config giving only the required key: the print adds nothing but defaults.
  const Config minimal = parse_config("study: {dataset: path/to/derivatives}\n", base);
  EXPECT_EQ(c, minimal);
  EXPECT_EQ(resolved_yaml(c), resolved_yaml(minimal));
}

TEST(ConfigDefaults, DefaultConfigHoldsTheDeclaredDefaultsUnresolved) {
  const Config d = default_config();
  EXPECT_EQ(d.output.dir, "acuroi-out");
  EXPECT_EQ(d.rois.atlas, "aal");
  EXPECT_EQ(d.study.participants_file, "participants.tsv");
  EXPECT_TRUE(d.study.dataset.empty());
  EXPECT_EQ(d.rois.min_coverage, 0.5);
  EXPECT_TRUE(d.output.write_tsv);
}

// Every declared key appears as "key: value" under a comment holding its doc, type and limits.
TEST(ConfigDefaults, PrintDocumentsEveryKey) {
  const std::string text = default_config_yaml();
  const auto& schema = detail::config_schema();
  for (const auto& field : schema.fields()) {
    const std::string key = detail::last_key(field.key);
    const int depth = static_cast<int>(std::count(field.key.begin(), field.key.end(), '.'));
    const std::string indent(static_cast<std::size_t>(2 * depth), ' ');
    const std::string comment = indent + "# " + field.doc + " (" + field.type_name;
    const auto at = text.find(comment);
    ASSERT_NE(at, std::string::npos) << field.key;
    const auto key_at = text.find("\n" + indent + key + ": ", at);
    ASSERT_NE(key_at, std::string::npos) << field.key;
    // Only comment lines between the doc and the key.
    std::istringstream between(text.substr(at, key_at - at));
    for (std::string line; std::getline(between, line);)
      EXPECT_EQ(line.rfind(indent + "#", 0), 0u) << field.key << ": " << line;
  }
  EXPECT_NE(text.find("(choice; one of: mean | median | std | var | sum | min | max)"),
            std::string::npos);
  EXPECT_NE(text.find("(number; in [0, 1])"), std::string::npos);
  EXPECT_NE(text.find("(path; REQUIRED; relative to this file's folder)"), std::string::npos);
  EXPECT_NE(text.find("(path; relative to the dataset)"), std::string::npos);
  EXPECT_NE(text.find("#   sphere.radius_mm: radius in millimetres (number; REQUIRED; > 0)"),
            std::string::npos);
}

// PyYAML reads the print to the documented defaults: our quoting and number formats are plain YAML.
TEST(ConfigDefaults, PrintReadsTheSameWithPyYAML) {
  ScratchDir dir;
  const auto file = dir.write("acuroi.yaml", default_config_yaml());
  const auto result = testing::run_program(std::string(ACUROI_PYTHON) +
                                           " -c 'import sys, yaml, json; print(json.dumps("
                                           "yaml.safe_load(open(sys.argv[1])), sort_keys=True))' " +
                                           file.string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(
      result.out,
      R"({"denoise": {"acompcor_components": 5, "acompcor_variance": 0.0, "custom_columns": [], )"
      R"("dummy_volumes": -1, "fd_threshold_mm": 0.5, "high_pass_hz": 0.01, "low_pass_hz": 0.08, )"
      R"("min_segment_volumes": 5, "min_time_seconds": 240.0, "polynomial_order": 1, )"
      R"("std_dvars_threshold": 1.5, "strategy": "24P"}, )"
      R"("extraction": {"threads": 0}, "group": {"ancova": true, "between_test": "welch", )"
      R"("categorical": [], "centre_covariates": true, "change_model": true, "confidence": 0.95, )"
      R"("covariates": [], "hedges_correction": "exact", "measures": [], "p_adjust": "BH", )"
      R"("permutation_seed": 0, "permutations": 5000, "rank_tests": false}, )"
      R"("hpc": {"account": "", "cpus_per_task": 1, "extra_sbatch": [], "group_memory_gb": 0.0, )"
      R"("group_time_minutes": 0, "max_array_throttle": 50, "memory_budget_gb": 0.0, "modules": [], )"
      R"("partition": "", "profile": "", "qos": "", "shards": 0, "task_memory_gb": 0.0, )"
      R"("task_time_minutes": 0}, )"
      R"("measures": {"alff_band_hz": [0.01, 0.08], )"
      R"("compute": ["mean", "tsnr", "alff", "falff", "reho", "fc"], "fc_partial": false, )"
      R"("reho_neighbourhood": 27, "sd_ddof": 1, "task_contrasts": [], "task_drift": "cosine", )"
      R"("task_high_pass_seconds": 128.0, "task_hrf_derivative": false, )"
      R"("task_noise_model": "ar1", "task_polynomial_order": 1}, )"
      R"("meta": {"effect_measure": "MD", "hedges_correction": "exact", "include_own_study": true, )"
      R"("level": 95.0, "method": "REML", "moderators": [], "output_dir": "", )"
      R"("own_study_moderators": {}, "p_adjust": "BH", "pairs": [], "permutation_seed": 0, )"
      R"("permutations": 0, "prediction_df": "metafor", "studies": [], "subgroup": "", )"
      R"("test": "knha", "vtype": "LS", "wide_ci_width": 1.0, "zero_cell_correction": "only0"}, )"
      R"("output": {"dir": "acuroi-out", "write_tsv": true}, )"
      R"("participants": {"exclude": [], "include": []}, "rois": {"atlas": "aal", )"
      R"("labels": "", "min_coverage": 0.5, "preset": "", "regions": [], "strategy": "mean"}, )"
      R"("study": {"arm_column": "arm", "arms": ["acupuncture", "sham"], "dataset": )"
      R"("path/to/derivatives", "name": "study", "participants_file": "participants.tsv", )"
      R"("sessions": {"post": "post", "pre": "pre"}, "space": "MNI152NLin6Asym", "task": "rest"}})"
      "\n");
}

// The region examples in the print's comments are valid regions.
TEST(ConfigDefaults, RegionExamplesInThePrintAreValid) {
  const std::string text = default_config_yaml();
  std::istringstream lines(text);
  std::string regions;
  for (std::string line; std::getline(lines, line);) {
    const auto at = line.find("#   - {name:");
    if (at != std::string::npos) regions += "    " + line.substr(at + 4) + "\n";
  }
  ASSERT_FALSE(regions.empty());
  const Config c = parse_config("study: {dataset: d}\nrois:\n  regions:\n" + regions, "/tmp");
  ASSERT_EQ(c.rois.regions.size(), 4u);
  EXPECT_EQ(c.rois.regions[0].kind, RegionKind::labels);
  EXPECT_EQ(c.rois.regions[1].kind, RegionKind::sphere);
  EXPECT_EQ(c.rois.regions[2].kind, RegionKind::mask);
  EXPECT_EQ(c.rois.regions[3].kind, RegionKind::union_of);
}

}  // namespace
}  // namespace acuroi::config
