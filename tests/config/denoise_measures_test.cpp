// The `denoise:` and `measures:` sections: their defaults (the denoise and measures libraries'
// own defaults, written out here), every validation error (line/column counted by hand), demo.yaml,
// round trips of the resolved text (also read by PyYAML), and the config hash.
#include <gtest/gtest.h>

#include "acuroi/config/config.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::config_error_of;
using testing::ScratchDir;
using testing::source_path;

const char* const kMinimal = "study: {dataset: d}\n";

void expect_default_denoise(const DenoiseSettings& d) {
  EXPECT_EQ(d.strategy, DenoiseStrategy::p24);  // ConfoundSelection's default
  EXPECT_EQ(d.acompcor_components, 5);
  EXPECT_EQ(d.acompcor_variance, 0.0);
  EXPECT_TRUE(d.custom_columns.empty());
  EXPECT_EQ(d.fd_threshold_mm, 0.5);
  EXPECT_EQ(d.std_dvars_threshold, 1.5);  // CensorOptions' (nilearn's) default
  EXPECT_EQ(d.min_segment_volumes, 5);
  EXPECT_EQ(d.dummy_volumes, -1);
  EXPECT_EQ(d.min_time_seconds, 240.0);
  EXPECT_EQ(d.high_pass_hz, 0.01);
  EXPECT_EQ(d.low_pass_hz, 0.08);
  EXPECT_EQ(d.polynomial_order, 1);
}

void expect_default_measures(const MeasureSettings& m) {
  EXPECT_EQ(m.compute, (std::vector<std::string>{"mean", "tsnr", "alff", "falff", "reho", "fc"}));
  EXPECT_EQ(m.alff_band_hz, (std::vector<double>{0.01, 0.08}));
  EXPECT_EQ(m.reho_neighbourhood, 27);
  EXPECT_FALSE(m.fc_partial);
  EXPECT_EQ(m.sd_ddof, 1);
  EXPECT_TRUE(m.task_contrasts.empty());
  EXPECT_FALSE(m.task_hrf_derivative);
  EXPECT_EQ(m.task_drift, TaskDrift::cosine);  // nilearn FirstLevelModel defaults
  EXPECT_EQ(m.task_high_pass_seconds, 128.0);
  EXPECT_EQ(m.task_noise_model, TaskNoiseModel::ar1);
}

TEST(DenoiseMeasures, Defaults) {
  expect_default_denoise(default_config().denoise);
  expect_default_measures(default_config().measures);
  const Config minimal = parse_config(kMinimal, "/b");
  expect_default_denoise(minimal.denoise);
  expect_default_measures(minimal.measures);
  EXPECT_TRUE(computes(minimal.measures, "reho"));
  EXPECT_FALSE(computes(minimal.measures, "malff"));
  EXPECT_EQ(to_string(DenoiseStrategy::p36), "36P");
  // The defaults print parses back to the same values.
  ScratchDir dir;
  const Config printed = load_config(dir.write("acuroi.yaml", default_config_yaml()));
  expect_default_denoise(printed.denoise);
  expect_default_measures(printed.measures);
}

TEST(DenoiseMeasures, EveryKeyIsRead) {
  const Config c = parse_config(
      "study: {dataset: d}\n"
      "denoise:\n"
      "  strategy: custom\n"
      "  acompcor_components: 3\n"
      "  acompcor_variance: 0.5\n"
      "  custom_columns: [csf, 'trans_*', '*_power2']\n"
      "  fd_threshold_mm: 0.2\n"
      "  std_dvars_threshold: 0\n"
      "  min_segment_volumes: 0\n"
      "  dummy_volumes: 4\n"
      "  min_time_seconds: 0\n"
      "  high_pass_hz: 0\n"
      "  low_pass_hz: 0\n"
      "  polynomial_order: 2\n"
      "measures:\n"
      "  compute: [task_glm, gm_volume, sd]\n"
      "  alff_band_hz: [0.02, 0.1]\n"
      "  reho_neighbourhood: 7\n"
      "  fc_partial: true\n"
      "  sd_ddof: 0\n"
      "  task_contrasts: ['pain - touch', pain]\n"
      "  task_hrf_derivative: true\n"
      "  task_drift: polynomial\n"
      "  task_high_pass_seconds: 100\n"
      "  task_polynomial_order: 3\n"
      "  task_noise_model: ols\n",
      "/b");
  const DenoiseSettings& d = c.denoise;
  EXPECT_EQ(d.strategy, DenoiseStrategy::custom);
  EXPECT_EQ(d.acompcor_components, 3);
  EXPECT_EQ(d.acompcor_variance, 0.5);
  EXPECT_EQ(d.custom_columns, (std::vector<std::string>{"csf", "trans_*", "*_power2"}));
  EXPECT_EQ(d.fd_threshold_mm, 0.2);
  EXPECT_EQ(d.std_dvars_threshold, 0.0);
  EXPECT_EQ(d.min_segment_volumes, 0);
  EXPECT_EQ(d.dummy_volumes, 4);
  EXPECT_EQ(d.min_time_seconds, 0.0);
  EXPECT_EQ(d.high_pass_hz, 0.0);
  EXPECT_EQ(d.low_pass_hz, 0.0);
  EXPECT_EQ(d.polynomial_order, 2);
  const MeasureSettings& m = c.measures;
  EXPECT_EQ(m.compute, (std::vector<std::string>{"task_glm", "gm_volume", "sd"}));
  EXPECT_EQ(m.alff_band_hz, (std::vector<double>{0.02, 0.1}));
  EXPECT_EQ(m.reho_neighbourhood, 7);
  EXPECT_TRUE(m.fc_partial);
  EXPECT_EQ(m.sd_ddof, 0);
  EXPECT_EQ(m.task_contrasts, (std::vector<std::string>{"pain - touch", "pain"}));
  EXPECT_TRUE(m.task_hrf_derivative);
  EXPECT_EQ(m.task_drift, TaskDrift::polynomial);
  EXPECT_EQ(m.task_high_pass_seconds, 100.0);
  EXPECT_EQ(m.task_polynomial_order, 3);
  EXPECT_EQ(m.task_noise_model, TaskNoiseModel::ols);

  // The resolved text parses back to the same config ('*' patterns need quoting in YAML) ...
  const std::string text = resolved_yaml(c);
  EXPECT_EQ(parse_config(text, "/b"), c);
  // ... and PyYAML reads the same values from it.
  ScratchDir dir;
  const auto file = dir.write("resolved.yaml", text);
  const auto result = testing::run_program(
      std::string(ACUROI_PYTHON) +
      " -c 'import sys, yaml, json; c = yaml.safe_load(open(sys.argv[1])); "
      "print(json.dumps([c[\"denoise\"], c[\"measures\"]], sort_keys=True))' " +
      file.string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            R"([{"acompcor_components": 3, "acompcor_variance": 0.5, "custom_columns": ["csf", )"
            R"("trans_*", "*_power2"], "dummy_volumes": 4, "fd_threshold_mm": 0.2, )"
            R"("high_pass_hz": 0.0, "low_pass_hz": 0.0, "min_segment_volumes": 0, )"
            R"("min_time_seconds": 0.0, "polynomial_order": 2, "std_dvars_threshold": 0.0, )"
            R"("strategy": "custom"}, {"alff_band_hz": [0.02, 0.1], "compute": ["task_glm", )"
            R"("gm_volume", "sd"], "fc_partial": true, "reho_neighbourhood": 7, "sd_ddof": 0, )"
            R"("task_contrasts": ["pain - touch", "pain"], "task_drift": "polynomial", )"
            R"("task_high_pass_seconds": 100.0, "task_hrf_derivative": true, )"
            R"("task_noise_model": "ols", "task_polynomial_order": 3}])"
            "\n");
}

class DenoiseMeasuresErrors : public ::testing::Test {
 protected:
  // The error of loading kMinimal + `text` as <scratch>/c.yaml, with that path shown as "c.yaml".
  std::string error_for(const std::string& text) {
    const auto file = dir_.write("c.yaml", kMinimal + text);
    std::string message = config_error_of([&] { load_config(file); });
    if (message.rfind(file.string(), 0) == 0) message.replace(0, file.string().size(), "c.yaml");
    return message;
  }
  ScratchDir dir_;
};

TEST_F(DenoiseMeasuresErrors, DenoiseRanges) {
  EXPECT_EQ(error_for("denoise:\n  strategy: 12P\n"),
            "c.yaml:3:13: denoise.strategy = '12P': not an allowed value, expected one of: 6P, "
            "24P, 36P, acompcor, custom");
  EXPECT_EQ(error_for("denoise:\n  acompcor_components: 0\n"),
            "c.yaml:3:24: denoise.acompcor_components = '0': out of range, must be >= 1");
  EXPECT_EQ(error_for("denoise:\n  acompcor_components: 2.5\n"),
            "c.yaml:3:24: denoise.acompcor_components = '2.5': expected an integer");
  EXPECT_EQ(error_for("denoise:\n  acompcor_variance: 1.5\n"),
            "c.yaml:3:22: denoise.acompcor_variance = '1.5': out of range, must be in [0, 1]");
  EXPECT_EQ(error_for("denoise:\n  acompcor_variance: -0.1\n"),
            "c.yaml:3:22: denoise.acompcor_variance = '-0.1': out of range, must be in [0, 1]");
  EXPECT_EQ(error_for("denoise:\n  fd_threshold_mm: 0\n"),
            "c.yaml:3:20: denoise.fd_threshold_mm = '0': out of range, must be > 0");
  EXPECT_EQ(error_for("denoise:\n  std_dvars_threshold: -1\n"),
            "c.yaml:3:24: denoise.std_dvars_threshold = '-1': out of range, must be >= 0");
  EXPECT_EQ(error_for("denoise:\n  min_segment_volumes: -1\n"),
            "c.yaml:3:24: denoise.min_segment_volumes = '-1': out of range, must be >= 0");
  EXPECT_EQ(error_for("denoise:\n  dummy_volumes: -2\n"),
            "c.yaml:3:18: denoise.dummy_volumes = '-2': out of range, must be >= -1");
  EXPECT_EQ(error_for("denoise:\n  min_time_seconds: -5\n"),
            "c.yaml:3:21: denoise.min_time_seconds = '-5': out of range, must be >= 0");
  EXPECT_EQ(error_for("denoise:\n  high_pass_hz: -0.01\n"),
            "c.yaml:3:17: denoise.high_pass_hz = '-0.01': out of range, must be >= 0");
  EXPECT_EQ(error_for("denoise:\n  low_pass_hz: -0.1\n"),
            "c.yaml:3:16: denoise.low_pass_hz = '-0.1': out of range, must be >= 0");
  EXPECT_EQ(error_for("denoise:\n  polynomial_order: -1\n"),
            "c.yaml:3:21: denoise.polynomial_order = '-1': out of range, must be >= 0");
}

TEST_F(DenoiseMeasuresErrors, LowPassMustBeAboveHighPass) {
  EXPECT_EQ(error_for("denoise:\n  high_pass_hz: 0.01\n  low_pass_hz: 0.01\n"),
            "c.yaml:4:16: denoise.low_pass_hz = '0.01': low_pass_hz (0.01) must be above "
            "high_pass_hz (0.01), or 0 for no low-pass");
  // Only the high-pass written: the error points at it.
  EXPECT_EQ(error_for("denoise:\n  high_pass_hz: 0.1\n"),
            "c.yaml:3:17: denoise.high_pass_hz = '0.1': low_pass_hz (0.08) must be above "
            "high_pass_hz (0.1), or 0 for no low-pass");
  // 0 = no low-pass is fine with any high-pass.
  const Config c =
      parse_config(std::string(kMinimal) + "denoise: {high_pass_hz: 0.1, low_pass_hz: 0}\n", "/b");
  EXPECT_EQ(c.denoise.low_pass_hz, 0.0);
  EXPECT_EQ(c.denoise.high_pass_hz, 0.1);
}

TEST_F(DenoiseMeasuresErrors, CustomStrategyNeedsColumns) {
  // Not written: the error names the key and points at the strategy.
  EXPECT_EQ(error_for("denoise:\n  strategy: custom\n"),
            "c.yaml:3:13: denoise.custom_columns: strategy 'custom' needs at least one column "
            "name or pattern");
  EXPECT_EQ(error_for("denoise:\n  strategy: custom\n  custom_columns: []\n"),
            "c.yaml:4:19: denoise.custom_columns: strategy 'custom' needs at least one column "
            "name or pattern");
  // Other strategies ignore an empty list.
  EXPECT_EQ(
      parse_config(std::string(kMinimal) + "denoise: {strategy: 6P}\n", "/b").denoise.strategy,
      DenoiseStrategy::p6);
}

TEST_F(DenoiseMeasuresErrors, Measures) {
  EXPECT_EQ(error_for("measures:\n  compute: [mean, alf]\n"),
            "c.yaml:3:19: measures.compute[1] = 'alf': not an allowed value, expected one of: "
            "mean, sd, tsnr, alff, falff, malff, reho, fc, gm_volume, task_glm");
  EXPECT_EQ(error_for("measures:\n  compute: [mean, fc, mean]\n"),
            "c.yaml:3:12: measures.compute = '[mean, fc, mean]': repeated item 'mean'");
  EXPECT_EQ(error_for("measures:\n  alff_band_hz: [0.08, 0.01]\n"),
            "c.yaml:3:17: measures.alff_band_hz = '[0.08, 0.01]': the band's low edge must be "
            "below its high edge");
  EXPECT_EQ(error_for("measures:\n  alff_band_hz: [0.01, 0.01]\n"),
            "c.yaml:3:17: measures.alff_band_hz = '[0.01, 0.01]': the band's low edge must be "
            "below its high edge");
  EXPECT_EQ(error_for("measures:\n  alff_band_hz: [0.01]\n"),
            "c.yaml:3:17: measures.alff_band_hz = '[0.01]': expected 2 items");
  EXPECT_EQ(error_for("measures:\n  reho_neighbourhood: 26\n"),
            "c.yaml:3:23: measures.reho_neighbourhood = '26': not an allowed value, expected one "
            "of: 7, 19, 27");
  EXPECT_EQ(error_for("measures:\n  fc_partial: maybe\n"),
            "c.yaml:3:15: measures.fc_partial = 'maybe': expected true or false");
  EXPECT_EQ(error_for("measures:\n  sd_ddof: 2\n"),
            "c.yaml:3:12: measures.sd_ddof = '2': out of range, must be in [0, 1]");
  EXPECT_EQ(error_for("measures:\n  task_drift: spline\n"),
            "c.yaml:3:15: measures.task_drift = 'spline': not an allowed value, expected one of: "
            "cosine, polynomial, none");
  EXPECT_EQ(error_for("measures:\n  task_high_pass_seconds: 0\n"),
            "c.yaml:3:27: measures.task_high_pass_seconds = '0': out of range, must be > 0");
}

TEST(DenoiseMeasures, DemoConfigWritesTheDefaultsOut) {
  const Config demo = load_config(source_path("configs/demo.yaml"));
  // The departures: the demo's runs are 200 s (100 volumes), shorter than the 240 s default
  // minimum and too short for 24P plus a band-pass.
  EXPECT_EQ(demo.denoise.min_time_seconds, 120.0);
  EXPECT_EQ(demo.denoise.strategy, DenoiseStrategy::p6);
  DenoiseSettings demo_denoise = demo.denoise;
  demo_denoise.min_time_seconds = default_config().denoise.min_time_seconds;
  demo_denoise.strategy = default_config().denoise.strategy;
  EXPECT_EQ(demo_denoise, default_config().denoise);
  EXPECT_EQ(demo.measures, default_config().measures);
  expect_default_denoise(demo_denoise);
  expect_default_measures(demo.measures);
}

TEST(DenoiseMeasures, HashFollowsTheNewSections) {
  const Config a = parse_config(std::string(kMinimal) + "denoise: {fd_threshold_mm: 0.5}\n", "/b");
  const Config b = parse_config(std::string(kMinimal) + "denoise: {fd_threshold_mm: 0.3}\n", "/b");
  const Config c = parse_config(kMinimal, "/b");
  EXPECT_NE(config_hash(a), config_hash(b));
  EXPECT_EQ(config_hash(a), config_hash(c));  // 0.5 is the default
  EXPECT_NE(config_hash(a, {"denoise"}), config_hash(b, {"denoise"}));
  EXPECT_EQ(config_hash(a, {"study", "rois", "measures"}),
            config_hash(b, {"study", "rois", "measures"}));
  EXPECT_NE(resolved_yaml(b, {"denoise"}).find("  fd_threshold_mm: 0.3\n"), std::string::npos);
}

}  // namespace
}  // namespace acuroi::config
