// The effect rows of a group output and of a published table (library level, small hand-made
// inputs): MD and MC by their closed forms, generic effects from SE, moderators from the config
// and from table columns, rows a pool cannot use (single-arm study, the group's status), and the
// errors that name the file and the row.
#include <gtest/gtest.h>

#include <cmath>

#include "acuroi/core/error.hpp"
#include "acuroi/metastudy/effect_rows.hpp"
#include "acuroi/metastudy/pooling.hpp"
#include "meta_fixture.hpp"

namespace {

using acuroi::metastudy::EffectOptions;
using acuroi::metastudy::EffectRow;

// Columns as modules/group/SCHEMA.md "/study_records": a two-arm record, a record the group could
// not compute, and a single-arm study's record (control columns n/a, n 0).
const char* const kRecords =
    "roi\tmeasure\tactive_arm\tactive_n\tactive_mean_pre\tactive_sd_pre\tactive_mean_post\tactive_sd_post\t"
    "active_mean_change\tactive_sd_change\tactive_pre_post_correlation\tcontrol_arm\tcontrol_n\t"
    "control_mean_pre\tcontrol_sd_pre\tcontrol_mean_post\tcontrol_sd_post\tcontrol_mean_change\t"
    "control_sd_change\tcontrol_pre_post_correlation\tmean_difference\tmean_difference_variance\thedges_g\t"
    "hedges_g_variance\thedges_correction\tstatus\n"
    "ACC\talff\tacupuncture\t6\t1.2\t0.3\t0.9\t0.25\t-0.3\t0.2\t0.6\tsham\t5\t1.1\t0.28\t1.05\t0.3\t-0.05\t0.25\t0.5\t"
    "-0.25\t0.0191\t-1.1\t0.4\texact\tn/a\n"
    "S1\talff\tacupuncture\t6\t1\t0.3\t1\t0.3\t0\t0\t1\tsham\t5\t1\t0.3\t1\t0.3\t0\t0\t1\tn/a\tn/a\tn/a\tn/a\texact\t"
    "ROI S1: zero variance\n";
const char* const kSingleArm =
    "roi\tmeasure\tactive_arm\tactive_n\tactive_mean_pre\tactive_sd_pre\tactive_mean_post\tactive_sd_post\t"
    "active_mean_change\tactive_sd_change\tactive_pre_post_correlation\tcontrol_arm\tcontrol_n\t"
    "control_mean_pre\tcontrol_sd_pre\tcontrol_mean_post\tcontrol_sd_post\tcontrol_mean_change\t"
    "control_sd_change\tcontrol_pre_post_correlation\tmean_difference\tmean_difference_variance\thedges_g\t"
    "hedges_g_variance\thedges_correction\tstatus\n"
    "ACC\talff\tacupuncture\t8\t1.2\t0.3\t0.9\t0.25\t-0.3\t0.2\t0.6\t\t0\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\t"
    "n/a\tn/a\tn/a\texact\tn/a\n";

EffectOptions options(acuroi::meta::Measure m) {
  acuroi::config::MetaSettings s;
  s.effect_measure = acuroi::meta::to_string(m);
  s.hedges_correction = "exact";
  s.vtype = "LS";
  s.zero_cell_correction = "only0";
  return acuroi::metastudy::effect_options(s);
}

TEST(EffectRows, GroupRecordsGiveMdOfTheChangeAndMcOfTheActiveArm) {
  meta_test::ScratchDir dir;
  dir.write("a/group/group_study_records.tsv", kRecords);
  const auto md = acuroi::metastudy::read_group_study("A", dir.path() / "a", {{"country", "DE"}},
                                                      options(acuroi::meta::Measure::MD));
  ASSERT_EQ(md.rows.size(), 2u);
  EXPECT_EQ(md.file.path, (dir.path() / "a/group/group_study_records.tsv").string());
  EXPECT_EQ(md.file.sha256.size(), 64u);
  const EffectRow& acc = md.rows[0];
  EXPECT_TRUE(acc.status.empty()) << acc.status;
  EXPECT_NEAR(acc.yi, -0.3 - -0.05, 1e-15);
  EXPECT_NEAR(acc.vi, 0.2 * 0.2 / 6 + 0.25 * 0.25 / 5, 1e-15);
  EXPECT_EQ(acc.total_n, 11.0);
  EXPECT_EQ(acc.moderators.at("country"), "DE");
  EXPECT_EQ(md.rows[1].status, "the group analysis could not compute this record: ROI S1: zero variance");
  const auto mc = acuroi::metastudy::read_group_study("A", dir.path() / "a" / "group", {},
                                                      options(acuroi::meta::Measure::MC));
  EXPECT_NEAR(mc.rows[0].yi, 0.9 - 1.2, 1e-15);
  EXPECT_NEAR(mc.rows[0].vi, (0.3 * 0.3 + 0.25 * 0.25 - 2 * 0.6 * 0.3 * 0.25) / 6, 1e-15);
  EXPECT_EQ(mc.rows[0].total_n, 6.0);
}

TEST(EffectRows, SingleArmStudyHasNoBetweenArmEffectButAPrePostOne) {
  meta_test::ScratchDir dir;
  dir.write("s/group_study_records.tsv", kSingleArm);
  const auto md =
      acuroi::metastudy::read_group_study("single", dir.path() / "s", {}, options(acuroi::meta::Measure::SMD));
  EXPECT_EQ(md.rows[0].status, "single-arm study: no control arm for the between-arm measure SMD");
  const auto mc =
      acuroi::metastudy::read_group_study("single", dir.path() / "s", {}, options(acuroi::meta::Measure::MC));
  EXPECT_TRUE(mc.rows[0].status.empty());
  EXPECT_EQ(mc.rows[0].total_n, 8.0);
}

TEST(EffectRows, PublishedTableRowsModeratorsAndErrors) {
  meta_test::ScratchDir dir;
  const auto table = dir.write("t.csv",
                               "author,roi,m1i,sd1i,n1i,m2i,sd2i,n2i,yi,sei,country\n"
                               "Li,ACC,5,2,10,3,1,12,,,CN\n"
                               "Kim,insula,,,,,,,0.4,0.2,\n");
  acuroi::config::MetaStudy entry;
  entry.name = "pub";
  entry.table = table;
  entry.measure = "vas";
  entry.moderators = {{"country", "XX"}, {"sham", "none"}};
  const auto s = acuroi::metastudy::read_table_study(entry, options(acuroi::meta::Measure::MD));
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0].label, "Li");
  EXPECT_EQ(s.rows[0].roi, "ACC");
  EXPECT_EQ(s.rows[0].measure, "vas");
  EXPECT_EQ(s.rows[0].yi, 2.0);
  EXPECT_NEAR(s.rows[0].vi, 4.0 / 10 + 1.0 / 12, 1e-15);
  EXPECT_EQ(s.rows[0].moderators.at("country"), "CN");  // the table's cell wins
  EXPECT_EQ(s.rows[0].moderators.at("sham"), "none");
  EXPECT_EQ(s.rows[1].yi, 0.4);
  EXPECT_NEAR(s.rows[1].vi, 0.04, 1e-16);
  EXPECT_EQ(s.rows[1].moderators.at("country"), "XX");  // empty cell: the entry's value

  entry.measure.clear();  // no measure column and none given
  try {
    acuroi::metastudy::read_table_study(entry, options(acuroi::meta::Measure::MD));
    FAIL() << "accepted a table without a measure";
  } catch (const acuroi::core::InputError& e) {
    EXPECT_EQ(e.file(), table.string());
    EXPECT_NE(std::string(e.what()).find("no `measure` column"), std::string::npos) << e.what();
  }
  entry.measure = "vas";
  try {  // pre/post columns are missing for MC
    acuroi::metastudy::read_table_study(entry, options(acuroi::meta::Measure::MC));
    FAIL() << "accepted a row without pre/post columns";
  } catch (const acuroi::core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("data row 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("ri"), std::string::npos) << e.what();
  }
  const auto zero = dir.write("z.csv", "study,roi,measure,yi,vi\nA,ACC,vas,0.1,0\n");
  entry.table = zero;
  EXPECT_THROW(acuroi::metastudy::read_table_study(entry, options(acuroi::meta::Measure::GEN)),
               acuroi::core::InputError);
}

// Identical effects: tau^2 = 0, Q = 0, I^2 = 0, the estimate equals the common effect; analyses
// that need more studies say so in the notes instead of failing.
TEST(EffectRows, IdenticalEffectsAndSmallPoolsAreDefinedResults) {
  std::vector<EffectRow> rows(4);
  const double v[] = {0.01, 0.02, 0.04, 0.03};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].study = rows[i].label = "s" + std::to_string(i);
    rows[i].yi = 0.3;
    rows[i].vi = v[i];
    rows[i].total_n = 20;
  }
  acuroi::metastudy::PoolingOptions o;
  o.rma.test = acuroi::meta::TestType::knha;
  const auto p = acuroi::metastudy::analyse_pool("ACC", "alff", rows, o);
  ASSERT_TRUE(p.fit.has_value()) << p.status;
  EXPECT_EQ(p.fit->tau2, 0.0);
  EXPECT_NEAR(p.fit->beta(0), 0.3, 1e-15);
  EXPECT_NEAR(p.fit->QE, 0.0, 1e-25);
  EXPECT_EQ(p.fit->I2, 0.0);
  EXPECT_EQ(p.total_n(), 80.0);
  const auto two = acuroi::metastudy::analyse_pool("ACC", "alff", {rows[0], rows[1]}, o);
  ASSERT_TRUE(two.fit.has_value());
  EXPECT_FALSE(two.egger_classic.has_value());
  bool noted = false;
  for (const auto& n : two.notes) noted = noted || n.find("need k >= 3") != std::string::npos;
  EXPECT_TRUE(noted);
}

}  // namespace
