// Config errors: each names the file, 1-based line and column, the dotted key and the value.
// Line/column values are counted by hand in the texts below.
#include <gtest/gtest.h>

#include "acuroi/config/config.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::config_error_of;
using testing::ScratchDir;

class ConfigErrors : public ::testing::Test {
 protected:
  // The error of loading `text` as <scratch>/c.yaml, with that path replaced by "c.yaml".
  std::string error_for(const std::string& text) {
    const auto file = dir_.write("c.yaml", text);
    std::string message = config_error_of([&] { load_config(file); });
    if (message.rfind(file.string(), 0) == 0) message.replace(0, file.string().size(), "c.yaml");
    return message;
  }
  ScratchDir dir_;
};

TEST_F(ConfigErrors, UnknownNestedKeySuggestsTheNearestSibling) {
  EXPECT_EQ(error_for("study:\n  dataset: d\nrois:\n  min_coverag: 0.3\n"),
            "c.yaml:4:3: rois.min_coverag: unknown key, did you mean 'min_coverage'?");
}

TEST_F(ConfigErrors, UnknownTopLevelKeySuggestsTheNearestSection) {
  EXPECT_EQ(error_for("stduy:\n  dataset: d\n"),
            "c.yaml:1:1: stduy: unknown key, did you mean 'study'?");
}

TEST_F(ConfigErrors, KeyInTheWrongSectionNamesWhereItBelongs) {
  EXPECT_EQ(error_for("study: {dataset: d}\nmin_coverage: 0.2\n"),
            "c.yaml:2:1: min_coverage: unknown key, did you mean 'rois.min_coverage'?");
}

TEST_F(ConfigErrors, UnknownKeyFarFromAnyListsTheValidKeys) {
  EXPECT_EQ(error_for("study: {dataset: d}\noutput: {colour: red}\n"),
            "c.yaml:2:10: output.colour: unknown key; valid keys here: 'dir', 'write_tsv'");
}

TEST_F(ConfigErrors, UnknownKeyInsideAListOfRecords) {
  EXPECT_EQ(error_for("study: {dataset: d}\n"
                      "rois:\n"
                      "  regions:\n"
                      "    - name: A\n"
                      "      labls: [Insula_L]\n"),
            "c.yaml:5:7: rois.regions[0].labls: unknown key, did you mean 'labels'?");
}

TEST_F(ConfigErrors, WrongType) {
  EXPECT_EQ(error_for("study: {dataset: d}\nrois:\n  min_coverage: high\n"),
            "c.yaml:3:17: rois.min_coverage = 'high': expected a number");
  EXPECT_EQ(error_for("study: {dataset: d}\nextraction: {threads: 2.5}\n"),
            "c.yaml:2:23: extraction.threads = '2.5': expected an integer");
  EXPECT_EQ(error_for("study: {dataset: d}\noutput: {write_tsv: maybe}\n"),
            "c.yaml:2:21: output.write_tsv = 'maybe': expected true or false");
  EXPECT_EQ(error_for("study:\n  dataset: d\n  arms: acupuncture\n"),
            "c.yaml:3:9: study.arms = 'acupuncture': expected a list of strings");
  EXPECT_EQ(error_for("study:\n  dataset: d\n  arms: [a, [b]]\n"),
            "c.yaml:3:13: study.arms[1] = '[b]': expected a string");
  EXPECT_EQ(
      error_for("study: [d]\n"),
      "c.yaml:1:8: study = '[d]': expected a map with keys: name, dataset, participants_file, "
      "arm_column, arms, sessions, task, space");
}

TEST_F(ConfigErrors, OutOfRange) {
  EXPECT_EQ(error_for("study: {dataset: d}\nrois:\n  min_coverage: 1.5\n"),
            "c.yaml:3:17: rois.min_coverage = '1.5': out of range, must be in [0, 1]");
  EXPECT_EQ(error_for("study: {dataset: d}\nextraction:\n  threads: -1\n"),
            "c.yaml:3:12: extraction.threads = '-1': out of range, must be in [0, 1024]");
  EXPECT_EQ(error_for("study: {dataset: d}\nrois:\n  regions:\n"
                      "    - {name: s, sphere: {center_mm: [0, 0, 0], radius_mm: 0}}\n"),
            "c.yaml:4:59: rois.regions[0].sphere.radius_mm = '0': out of range, must be > 0");
}

TEST_F(ConfigErrors, NotAnAllowedValueListsTheAllowedValues) {
  EXPECT_EQ(error_for("study: {dataset: d}\nrois:\n  strategy: avg\n"),
            "c.yaml:3:13: rois.strategy = 'avg': not an allowed value, expected one of: mean, "
            "median, std, var, sum, min, max");
}

TEST_F(ConfigErrors, MissingRequiredKey) {
  EXPECT_EQ(error_for("study:\n  name: x\n"), "c.yaml:1:1: study.dataset: missing required key");
  EXPECT_EQ(error_for("rois: {min_coverage: 0.1}\n"),
            "c.yaml:1:1: study.dataset: missing required key");
  EXPECT_EQ(
      error_for(
          "study: {dataset: d}\nrois:\n  regions:\n    - {name: s, sphere: {radius_mm: 8}}\n"),
      "c.yaml:4:17: rois.regions[0].sphere.center_mm: missing required key");
  EXPECT_EQ(error_for("study: {dataset: d}\nrois:\n  regions:\n    - {mask: m.nii}\n"),
            "c.yaml:4:7: rois.regions[0].name: missing required key");
}

TEST_F(ConfigErrors, RegionWithTwoKinds) {
  EXPECT_EQ(error_for("study: {dataset: d}\n"
                      "rois:\n"
                      "  regions:\n"
                      "    - name: X\n"
                      "      labels: [Insula_L]\n"
                      "      sphere: {center_mm: [0, 0, 0], radius_mm: 5}\n"),
            "c.yaml:4:7: rois.regions[0] = 'X': a region is exactly one of labels, sphere, mask or "
            "union; this one has labels and sphere");
  EXPECT_EQ(error_for("study: {dataset: d}\nrois:\n  regions:\n    - {name: Y, description: y}\n"),
            "c.yaml:4:7: rois.regions[0] = 'Y': a region is exactly one of labels, sphere, mask or "
            "union; this one has none of them");
}

TEST_F(ConfigErrors, SphereNeedsThreeCoordinates) {
  EXPECT_EQ(
      error_for("study: {dataset: d}\nrois:\n  regions:\n"
                "    - {name: s, sphere: {center_mm: [0, 1], radius_mm: 4}}\n"),
      "c.yaml:4:37: rois.regions[0].sphere.center_mm = '[0, 1]': expected a list of 3 numbers");
}

TEST_F(ConfigErrors, UnionMemberMissing) {
  EXPECT_EQ(
      error_for("study: {dataset: d}\n"
                "rois:\n"
                "  regions:\n"
                "    - {name: A, labels: [Insula_L]}\n"
                "    - {name: B, union: [A, nope]}\n"),
      "c.yaml:5:7: rois.regions[1].union[1] = 'nope': no region of that name (regions: A, B)");
}

TEST_F(ConfigErrors, UnionCycle) {
  EXPECT_EQ(error_for("study: {dataset: d}\n"
                      "rois:\n"
                      "  regions:\n"
                      "    - {name: A, labels: [Insula_L]}\n"
                      "    - {name: B, union: [A, C]}\n"
                      "    - {name: C, union: [D]}\n"
                      "    - {name: D, union: [C]}\n"),
            "c.yaml:7:7: rois.regions[3].union = 'D': unions form a cycle: C -> D -> C");
  EXPECT_EQ(error_for("study: {dataset: d}\nrois:\n  regions:\n    - {name: S, union: [S]}\n"),
            "c.yaml:4:7: rois.regions[0].union[0] = 'S': a union cannot contain itself");
}

TEST_F(ConfigErrors, DuplicateRegionNames) {
  EXPECT_EQ(error_for("study: {dataset: d}\n"
                      "rois:\n"
                      "  regions:\n"
                      "    - {name: A, labels: [Insula_L]}\n"
                      "    - {name: A, mask: m.nii}\n"),
            "c.yaml:5:7: rois.regions[1].name = 'A': duplicate region name (also at line 4)");
}

TEST_F(ConfigErrors, StudyDesignChecks) {
  EXPECT_EQ(error_for("study:\n  dataset: d\n  arms: [a, a]\n"),
            "c.yaml:3:9: study.arms = '[a, a]': repeated item 'a'");
  EXPECT_EQ(error_for("study:\n  dataset: d\n  arms: [a, b, c]\n"),
            "c.yaml:3:9: study.arms = '[a, b, c]': expected 1 to 2 items");
  EXPECT_EQ(error_for("study:\n  dataset: d\n  sessions: {pre: one, post: ses-one}\n"),
            "c.yaml:3:30: study.sessions.post = 'one': the pre and post sessions must differ "
            "(both are 'one')");
  EXPECT_EQ(error_for("study:\n  dataset: d\n  task: rest_1\n"),
            "c.yaml:3:9: study.task = 'rest_1': a BIDS label has letters and digits only");
  EXPECT_EQ(error_for("study:\n  dataset: ''\n"), "c.yaml:2:12: study.dataset: must not be empty");
}

TEST_F(ConfigErrors, DuplicateKey) {
  EXPECT_EQ(error_for("study: {dataset: d}\nrois:\n  strategy: mean\n  strategy: median\n"),
            "c.yaml:4:3: rois.strategy: duplicate key (first written at line 3)");
}

TEST_F(ConfigErrors, YamlSyntaxError) {
  EXPECT_EQ(error_for("study:\n  arms: [a, b\n  dataset: d\n"),
            "c.yaml:3:10: YAML syntax error: end of sequence flow not found");
}

TEST_F(ConfigErrors, MissingConfigFile) {
  const auto missing = dir_.path() / "nope.yaml";
  EXPECT_EQ(config_error_of([&] { load_config(missing); }),
            missing.string() + ": cannot read the config file: No such file or directory");
  EXPECT_EQ(config_error_of([&] { load_config(dir_.path()); }),
            dir_.path().string() + ": cannot read the config file: is a folder, not a file");
}

TEST_F(ConfigErrors, ErrorsInAPresetNameThePreset) {
  const auto preset = dir_.write("p.yaml", "regions:\n  - {name: A, labels: [X], radius_mm: 3}\n");
  EXPECT_EQ(error_for("study: {dataset: d}\nrois: {preset: p.yaml}\n"),
            preset.string() +
                ":2:28: regions[0].radius_mm: unknown key, did you mean 'sphere.radius_mm'?");
  EXPECT_EQ(error_for("study: {dataset: d}\nrois: {preset: q.yaml}\n"),
            "c.yaml:2:16: rois.preset = '" + (dir_.path() / "q.yaml").string() +
                "': cannot read the preset file: No such file or directory");
}

}  // namespace
}  // namespace acuroi::config
