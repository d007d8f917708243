// Study-level records: per-arm summaries against numpy (study_record_reference.py) at 1e-12,
// between-arm MD, var(MD), Hedges' g and var(g) against the group reference at 1e-8.
#include "acuroi/stats/study_record.hpp"
#include "acuroi/stats/prepost.hpp"
#include "reference_data.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace acuroi::stats;
using stats_test::close;

TEST(StudyRecord, ArmSummariesMatchNumpy) {
  const auto subjects = stats_test::load_subjects();
  const auto reference = nlohmann::json::parse(
      stats_test::run_python("study_record_reference.py", stats_test::data_path("subjects.csv")));
  for (const std::string& roi : stats_test::kRois) {
    const StudyRecord rec = make_study_record(stats_test::prepost_for(subjects, roi));
    EXPECT_EQ(rec.roi, roi);
    for (const auto* arm : {&rec.active, &rec.control}) {
      const auto& ref = reference.at(roi).at(arm->name);
      EXPECT_EQ(arm->n, ref.at("n").get<std::size_t>());
      const std::vector<std::pair<double, std::string>> pairs = {
          {arm->mean_pre, "mean_pre"},       {arm->sd_pre, "sd_pre"},
          {arm->mean_post, "mean_post"},     {arm->sd_post, "sd_post"},
          {arm->mean_change, "mean_change"}, {arm->sd_change, "sd_change"},
          {arm->pre_post_correlation, "r"}};
      for (const auto& [value, key] : pairs)
        EXPECT_TRUE(close(value, ref.at(key).get<double>(), 1e-12))
            << roi << " " << arm->name << " " << key << ": " << value << " vs " << ref.at(key);
    }
  }
}

TEST(StudyRecord, BetweenArmEffectsMatchReference) {
  const auto subjects = stats_test::load_subjects();
  std::map<std::string, double> expected;
  for (const auto& [key, value] : stats_test::load_expected()) expected[key] = value;
  for (const std::string& roi : stats_test::kRois) {
    const PrePostData data = stats_test::prepost_for(subjects, roi);
    const StudyRecord rec = make_study_record(data);
    auto ref = [&](const std::string& test, const std::string& q) {
      return expected.at(roi + "|" + test + "|" + q + "|");
    };
    const double se = ref("welch_t_change_acu_vs_sham", "se");
    EXPECT_TRUE(close(rec.mean_difference, ref("welch_t_change_acu_vs_sham", "diff"), 1e-8)) << roi;
    EXPECT_TRUE(close(rec.mean_difference_variance, se * se, 1e-8)) << roi;
    EXPECT_TRUE(close(rec.hedges_g, ref("student_t_change_acu_vs_sham", "hedges_g_exactJ"), 1e-8))
        << roi;
    EXPECT_TRUE(close(rec.hedges_g_variance, ref("student_t_change_acu_vs_sham", "var_g_LS"), 1e-8))
        << roi;
    const StudyRecord approx = make_study_record(data, HedgesCorrection::approximate);
    EXPECT_TRUE(
        close(approx.hedges_g, ref("student_t_change_acu_vs_sham", "hedges_g_approxJ"), 1e-8))
        << roi;
    // The record agrees with the full analysis.
    const PrePostResult full = analyse_prepost(data);
    EXPECT_EQ(full.record.hedges_g, rec.hedges_g);
    EXPECT_EQ(full.between().difference, full.welch.difference);
  }
}
