// The `meta:` section: defaults (written out here), every key read, round trips of the resolved
// text, a config with only a meta: section (no study data), and every validation error with its
// line and column (counted by hand).
#include <gtest/gtest.h>

#include "acuroi/config/config.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::config_error_of;
using testing::ScratchDir;

const char* const kMinimal = "study: {dataset: d}\n";

void expect_default_meta(const MetaSettings& m) {
  EXPECT_TRUE(m.studies.empty());
  EXPECT_TRUE(m.include_own_study);
  EXPECT_TRUE(m.own_study_moderators.empty());
  EXPECT_EQ(m.effect_measure, "MD");
  EXPECT_EQ(m.method, "REML");
  EXPECT_EQ(m.test, "knha");
  EXPECT_EQ(m.level, 95.0);
  EXPECT_EQ(m.prediction_df, PredictionIntervalDf::metafor);
  EXPECT_EQ(m.hedges_correction, "exact");
  EXPECT_EQ(m.vtype, "LS");
  EXPECT_EQ(m.zero_cell_correction, "only0");
  EXPECT_EQ(m.subgroup, "");
  EXPECT_TRUE(m.moderators.empty());
  EXPECT_EQ(m.permutations, 0);
  EXPECT_EQ(m.permutation_seed, 0);
  EXPECT_EQ(m.p_adjust, "BH");
  EXPECT_TRUE(m.pairs.empty());
  EXPECT_EQ(m.wide_ci_width, 1.0);
  EXPECT_TRUE(m.output_dir.empty());
}

TEST(MetaSection, Defaults) {
  expect_default_meta(default_config().meta);
  expect_default_meta(parse_config(kMinimal, "/b").meta);
  ScratchDir dir;
  expect_default_meta(load_config(dir.write("acuroi.yaml", default_config_yaml())).meta);
  EXPECT_NE(default_config_yaml().find("\nmeta:\n"), std::string::npos);
  EXPECT_NE(default_config_yaml().find("  effect_measure: MD"), std::string::npos);
}

TEST(MetaSection, EveryKeyIsReadAndRoundTrips) {
  const Config c = parse_config(std::string(kMinimal) +
                                    "meta:\n"
                                    "  studies:\n"
                                    "    - name: beijing\n"
                                    "      group: ../beijing/out/group\n"
                                    "      moderators: {pain_type: chronic, country: CN, year: 2019}\n"
                                    "    - {name: published, table: tables/pub.csv, roi: ACC, measure: alff}\n"
                                    "  include_own_study: false\n"
                                    "  own_study_moderators: {country: DE}\n"
                                    "  effect_measure: SMCR\n"
                                    "  method: PM\n"
                                    "  test: adhoc\n"
                                    "  level: 90\n"
                                    "  prediction_df: higgins\n"
                                    "  hedges_correction: approximate\n"
                                    "  vtype: UB\n"
                                    "  zero_cell_correction: all\n"
                                    "  subgroup: pain_type\n"
                                    "  moderators: [year, country]\n"
                                    "  permutations: 999\n"
                                    "  permutation_seed: 7\n"
                                    "  p_adjust: holm\n"
                                    "  pairs: [ACC/alff, 'ACC~insula/fc_z']\n"
                                    "  wide_ci_width: 0.5\n"
                                    "  output_dir: pooled\n",
                                "/b/c");
  const MetaSettings& m = c.meta;
  ASSERT_EQ(m.studies.size(), 2u);
  EXPECT_EQ(m.studies[0].name, "beijing");
  EXPECT_EQ(m.studies[0].group, "/b/beijing/out/group");
  EXPECT_TRUE(m.studies[0].table.empty());
  EXPECT_EQ(m.studies[0].moderators,
            (std::map<std::string, std::string>{{"pain_type", "chronic"}, {"country", "CN"}, {"year", "2019"}}));
  EXPECT_EQ(m.studies[1].table, "/b/c/tables/pub.csv");
  EXPECT_EQ(m.studies[1].roi, "ACC");
  EXPECT_EQ(m.studies[1].measure, "alff");
  EXPECT_FALSE(m.include_own_study);
  EXPECT_EQ(m.own_study_moderators.at("country"), "DE");
  EXPECT_EQ(m.effect_measure, "SMCR");
  EXPECT_EQ(m.method, "PM");
  EXPECT_EQ(m.test, "adhoc");
  EXPECT_EQ(m.level, 90.0);
  EXPECT_EQ(m.prediction_df, PredictionIntervalDf::higgins);
  EXPECT_EQ(to_string(m.prediction_df), "higgins");
  EXPECT_EQ(m.hedges_correction, "approximate");
  EXPECT_EQ(m.vtype, "UB");
  EXPECT_EQ(m.zero_cell_correction, "all");
  EXPECT_EQ(m.subgroup, "pain_type");
  EXPECT_EQ(m.moderators, (std::vector<std::string>{"year", "country"}));
  EXPECT_EQ(m.permutations, 999);
  EXPECT_EQ(m.permutation_seed, 7);
  EXPECT_EQ(m.p_adjust, "holm");
  EXPECT_EQ(m.pairs, (std::vector<std::string>{"ACC/alff", "ACC~insula/fc_z"}));
  EXPECT_EQ(m.wide_ci_width, 0.5);
  EXPECT_EQ(m.output_dir, "/b/c/pooled");
  EXPECT_EQ(parse_config(resolved_yaml(c), "/elsewhere"), c);
  EXPECT_NE(config_hash(c), config_hash(parse_config(kMinimal, "/b/c")));
  EXPECT_EQ(resolved_yaml(c, {"meta"}).rfind("meta:\n  studies:\n", 0), 0u);
}

// A meta-analyst without own data writes a meta: section alone: study.dataset is not required
// (and stays empty: no own study), and the resolved text still parses back.
TEST(MetaSection, ConfigWithOnlyAMetaSection) {
  ScratchDir dir;
  const auto file = dir.write("meta.yaml",
                              "meta:\n  studies:\n    - {name: pub, table: t.csv, roi: ACC, measure: alff}\n");
  const Config c = load_config(file);
  EXPECT_TRUE(c.study.dataset.empty());
  ASSERT_EQ(c.meta.studies.size(), 1u);
  EXPECT_EQ(c.meta.studies[0].table, dir.path() / "t.csv");
  EXPECT_EQ(parse_config(resolved_yaml(c), "/elsewhere"), c);
  EXPECT_TRUE(parse_config("meta: {}\n", "/b").study.dataset.empty());
  EXPECT_TRUE(parse_config("study: {dataset: ''}\nmeta: {method: DL}\n", "/b").study.dataset.empty());
}

class MetaSectionErrors : public ::testing::Test {
 protected:
  std::string error_for(const std::string& text, bool minimal = true) {
    const auto file = dir_.write("c.yaml", (minimal ? kMinimal : "") + text);
    std::string message = config_error_of([&] { load_config(file); });
    if (message.rfind(file.string(), 0) == 0) message.replace(0, file.string().size(), "c.yaml");
    return message;
  }
  ScratchDir dir_;
};

TEST_F(MetaSectionErrors, DatasetIsStillRequiredWithoutAMetaSection) {
  EXPECT_EQ(error_for("rois: {min_coverage: 0.1}\n", false), "c.yaml:1:1: study.dataset: missing required key");
  EXPECT_EQ(error_for("study:\n  dataset: ''\n", false), "c.yaml:2:12: study.dataset: must not be empty");
}

TEST_F(MetaSectionErrors, Values) {
  EXPECT_EQ(error_for("meta:\n  effect_measure: HEDGES\n"),
            "c.yaml:3:19: meta.effect_measure = 'HEDGES': not an allowed value, expected one of: MD, SMD, "
            "SMDH, ROM, MC, SMCR, SMCC, GEN, OR, RR, RD, AS, PETO");
  EXPECT_EQ(error_for("meta:\n  method: reml\n"),
            "c.yaml:3:11: meta.method = 'reml': not an allowed value, expected one of: REML, FE, DL, HE, HS, "
            "SJ, ML, EB, PM");
  EXPECT_EQ(error_for("meta:\n  test: hk\n"),
            "c.yaml:3:9: meta.test = 'hk': not an allowed value, expected one of: knha, z, adhoc, t");
  EXPECT_EQ(error_for("meta:\n  level: 100\n"), "c.yaml:3:10: meta.level = '100': out of range, must be in (0, 100)");
  EXPECT_EQ(error_for("meta:\n  prediction_df: stata\n"),
            "c.yaml:3:18: meta.prediction_df = 'stata': not an allowed value, expected one of: metafor, higgins");
  EXPECT_EQ(error_for("meta:\n  pairs: [ACC]\n"),
            "c.yaml:3:11: meta.pairs[0] = 'ACC': an ROI and a measure as 'ROI/measure', e.g. 'ACC/alff'");
  EXPECT_EQ(error_for("meta:\n  permutations: -5\n"),
            "c.yaml:3:17: meta.permutations = '-5': out of range, must be in [0, 1000000]");
  EXPECT_EQ(error_for("meta:\n  wide_ci_width: 0\n"), "c.yaml:3:18: meta.wide_ci_width = '0': out of range, must be > 0");
}

TEST_F(MetaSectionErrors, Studies) {
  EXPECT_EQ(error_for("meta:\n  studies:\n    - {name: x, group: g, table: t.csv}\n"),
            "c.yaml:4:7: meta.studies[0] = 'x': a study is either `group:` or `table:`, this one has both");
  EXPECT_EQ(error_for("meta:\n  studies:\n    - {name: x}\n"),
            "c.yaml:4:7: meta.studies[0] = 'x': a study needs `group:` (an acuroi group output folder) or "
            "`table:` (a published-study table)");
  EXPECT_EQ(error_for("meta:\n  studies:\n    - {name: x, group: g, roi: ACC}\n"),
            "c.yaml:4:32: meta.studies[0].roi: `roi` is for tables; a group output has its own");
  EXPECT_EQ(error_for("meta:\n  studies:\n    - {table: t.csv}\n"), "c.yaml:4:7: meta.studies[0].name: missing required key");
  EXPECT_EQ(error_for("meta:\n  studies:\n    - {name: x, table: a.csv, tabel: b}\n"),
            "c.yaml:4:31: meta.studies[0].tabel: unknown key, did you mean 'table'?");
  EXPECT_EQ(error_for("meta:\n  studies: [{name: x, table: a.csv}, {name: x, table: b.csv}]\n"),
            "c.yaml:3:12: meta.studies = '[{name: x, table: a.csv}, {name: x, table: b.csv}]': repeated study "
            "name 'x'");
}

}  // namespace
}  // namespace acuroi::config
