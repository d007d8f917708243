// The `group:` section: defaults (written out here), every key read, every validation error
// (line/column counted by hand), the measure filter, and round trips of the resolved text.
#include <gtest/gtest.h>

#include "acuroi/config/config.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::config_error_of;
using testing::ScratchDir;

const char* const kMinimal = "study: {dataset: d}\n";

void expect_default_group(const GroupSettings& g) {
  EXPECT_TRUE(g.covariates.empty());
  EXPECT_TRUE(g.categorical.empty());
  EXPECT_TRUE(g.centre_covariates);
  EXPECT_EQ(g.between_test, BetweenTest::welch);
  EXPECT_FALSE(g.rank_tests);
  EXPECT_EQ(g.hedges_correction, HedgesJ::exact);
  EXPECT_TRUE(g.ancova);
  EXPECT_TRUE(g.change_model);
  EXPECT_EQ(g.permutations, 5000);
  EXPECT_EQ(g.permutation_seed, 0);
  EXPECT_EQ(g.p_adjust, "BH");
  EXPECT_EQ(g.confidence, 0.95);
  EXPECT_TRUE(g.measures.empty());
}

TEST(GroupSection, Defaults) {
  expect_default_group(default_config().group);
  expect_default_group(parse_config(kMinimal, "/b").group);
  ScratchDir dir;
  expect_default_group(load_config(dir.write("acuroi.yaml", default_config_yaml())).group);
  EXPECT_NE(default_config_yaml().find("group:"), std::string::npos);
}

TEST(GroupSection, EveryKeyIsReadAndRoundTrips) {
  const Config c = parse_config(std::string(kMinimal) +
                                    "group:\n"
                                    "  covariates: [age, sex, site]\n"
                                    "  categorical: [sex, site]\n"
                                    "  centre_covariates: false\n"
                                    "  between_test: student\n"
                                    "  rank_tests: true\n"
                                    "  hedges_correction: approximate\n"
                                    "  ancova: false\n"
                                    "  change_model: false\n"
                                    "  permutations: 0\n"
                                    "  permutation_seed: 1234\n"
                                    "  p_adjust: holm\n"
                                    "  confidence: 0.9\n"
                                    "  measures: [alff, 'task_beta.*']\n",
                                "/b");
  const GroupSettings& g = c.group;
  EXPECT_EQ(g.covariates, (std::vector<std::string>{"age", "sex", "site"}));
  EXPECT_EQ(g.categorical, (std::vector<std::string>{"sex", "site"}));
  EXPECT_FALSE(g.centre_covariates);
  EXPECT_EQ(g.between_test, BetweenTest::student);
  EXPECT_TRUE(g.rank_tests);
  EXPECT_EQ(g.hedges_correction, HedgesJ::approximate);
  EXPECT_FALSE(g.ancova);
  EXPECT_FALSE(g.change_model);
  EXPECT_EQ(g.permutations, 0);
  EXPECT_EQ(g.permutation_seed, 1234);
  EXPECT_EQ(g.p_adjust, "holm");
  EXPECT_EQ(g.confidence, 0.9);
  EXPECT_EQ(g.measures, (std::vector<std::string>{"alff", "task_beta.*"}));
  EXPECT_EQ(to_string(g.between_test), "student");
  EXPECT_EQ(to_string(g.hedges_correction), "approximate");
  // The resolved text parses back to the same settings, and the group keys change the hash.
  EXPECT_EQ(parse_config(resolved_yaml(c), "/b"), c);
  EXPECT_NE(config_hash(c), config_hash(parse_config(kMinimal, "/b")));
  EXPECT_NE(resolved_yaml(c).find("  p_adjust: holm\n"), std::string::npos);
}

TEST(GroupSection, MeasureFilter) {
  GroupSettings g;
  EXPECT_TRUE(selects_measure(g, "anything"));
  g.measures = {"alff", "task_beta.*"};
  EXPECT_TRUE(selects_measure(g, "alff"));
  EXPECT_FALSE(selects_measure(g, "falff"));
  EXPECT_FALSE(selects_measure(g, "alff2"));
  EXPECT_TRUE(selects_measure(g, "task_beta.pain"));
  EXPECT_TRUE(selects_measure(g, "task_beta."));
  EXPECT_FALSE(selects_measure(g, "task_t.pain"));
}

class GroupSectionErrors : public ::testing::Test {
 protected:
  std::string error_for(const std::string& text) {
    const auto file = dir_.write("c.yaml", kMinimal + text);
    std::string message = config_error_of([&] { load_config(file); });
    if (message.rfind(file.string(), 0) == 0) message.replace(0, file.string().size(), "c.yaml");
    return message;
  }
  ScratchDir dir_;
};

TEST_F(GroupSectionErrors, Values) {
  EXPECT_EQ(error_for("group:\n  between_test: wilcoxon\n"),
            "c.yaml:3:17: group.between_test = 'wilcoxon': not an allowed value, expected one "
            "of: welch, student");
  EXPECT_EQ(error_for("group:\n  hedges_correction: none\n"),
            "c.yaml:3:22: group.hedges_correction = 'none': not an allowed value, expected one "
            "of: exact, approximate");
  EXPECT_EQ(error_for("group:\n  permutations: -1\n"),
            "c.yaml:3:17: group.permutations = '-1': out of range, must be in [0, 1000000]");
  EXPECT_EQ(error_for("group:\n  permutations: 100.5\n"),
            "c.yaml:3:17: group.permutations = '100.5': expected an integer");
  EXPECT_EQ(error_for("group:\n  permutation_seed: -3\n"),
            "c.yaml:3:21: group.permutation_seed = '-3': out of range, must be in [0, "
            "2147483647]");
  EXPECT_EQ(error_for("group:\n  p_adjust: fdr\n"),
            "c.yaml:3:13: group.p_adjust = 'fdr': not an allowed value, expected one of: BH, BY, "
            "holm, hochberg, bonferroni, hommel");
  EXPECT_EQ(error_for("group:\n  confidence: 1\n"),
            "c.yaml:3:15: group.confidence = '1': out of range, must be in (0, 1)");
  EXPECT_EQ(error_for("group:\n  confidence: 0\n"),
            "c.yaml:3:15: group.confidence = '0': out of range, must be in (0, 1)");
  EXPECT_EQ(error_for("group:\n  measures: [alff, 'task_*.pain']\n"),
            "c.yaml:3:20: group.measures[1] = 'task_*.pain': '*' is allowed only at the end (a "
            "prefix pattern such as 'task_beta.*')");
  EXPECT_EQ(error_for("group:\n  covariates: [age, age]\n"),
            "c.yaml:3:15: group.covariates = '[age, age]': repeated item 'age'");
  EXPECT_EQ(error_for("group:\n  ancova: maybe\n"),
            "c.yaml:3:11: group.ancova = 'maybe': expected true or false");
  EXPECT_EQ(error_for("group:\n  rank_test: true\n"),
            "c.yaml:3:3: group.rank_test: unknown key, did you mean 'rank_tests'?");
}

TEST_F(GroupSectionErrors, Covariates) {
  EXPECT_EQ(error_for("group:\n  covariates: [age]\n  categorical: [sex]\n"),
            "c.yaml:4:16: group.categorical = 'sex': is not listed in group.covariates; list it "
            "there too");
  EXPECT_EQ(error_for("group:\n  covariates: [age, arm]\n"),
            "c.yaml:3:15: group.covariates = 'arm': is the arm column (study.arm_column); the "
            "models include the arm already");
}

}  // namespace
}  // namespace acuroi::config
