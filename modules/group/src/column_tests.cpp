// Within-arm and between-arm tests and the study-level record of one ROI × measure.
#include <cmath>

#include "acuroi/stats/descriptive.hpp"
#include "acuroi/stats/error.hpp"
#include "acuroi/stats/rank_tests.hpp"
#include "column_analysis.hpp"

namespace acuroi::group::detail {
namespace {

stats::PrePostArm arm_values(const StudyValues& v, std::size_t j, const std::string& arm) {
  stats::PrePostArm out;
  out.name = arm;
  const auto c = static_cast<Eigen::Index>(j);
  for (std::size_t i : complete_rows(v, j, arm)) {
    const auto r = static_cast<Eigen::Index>(i);
    out.participant_ids.push_back(v.participants[i]);
    out.pre.push_back(v.pre(r, c));
    out.post.push_back(v.post(r, c));
  }
  return out;
}

TestRow row_for(const RoiMeasure& column, const std::string& test, const std::string& group) {
  TestRow row;
  row.roi = column.roi;
  row.measure = column.measure;
  row.test = test;
  row.group = group;
  return row;
}

// Runs `fill` on `row`; a StatsError becomes the row's status (its numbers stay NaN).
template <class Fill>
TestRow computed(TestRow row, const std::string& context, Fill&& fill) {
  try {
    stats::with_context(context, [&] { fill(row); });
  } catch (const stats::StatsError& e) {
    TestRow failed = row_for({row.roi, row.measure}, row.test, row.group);
    failed.n1 = row.n1;
    failed.n2 = row.n2;
    failed.status = e.what();
    return failed;
  }
  return row;
}

void add_within(const stats::PrePostData& data, const stats::PrePostArm& arm,
                const RoiMeasure& column, const GroupOptions& o, std::vector<TestRow>& tests) {
  TestRow row = row_for(column, "paired_t", arm.name);
  row.n1 = arm.participant_ids.size();
  const std::string context = data.label() + ", arm '" + arm.name + "'";
  tests.push_back(computed(row, context, [&](TestRow& r) {
    const stats::PairedTTest t = stats::paired_t(arm.post, arm.pre, o.confidence);
    r.estimate = t.mean_difference;
    r.se = t.se;
    r.statistic = t.t;
    r.df = t.df;
    r.p = t.p;
    r.ci_lower = t.ci_lower;
    r.ci_upper = t.ci_upper;
    r.cohen_dz = t.cohen_dz;
  }));
}

void add_wilcoxon(const stats::PrePostData& data, const stats::PrePostArm& arm,
                  const RoiMeasure& column, std::vector<TestRow>& tests) {
  TestRow row = row_for(column, "wilcoxon", arm.name);
  row.n1 = arm.participant_ids.size();
  tests.push_back(computed(row, data.label() + ", arm '" + arm.name + "'", [&](TestRow& r) {
    const stats::WilcoxonSignedRank w = stats::wilcoxon_signed_rank(arm.change());
    r.statistic = w.statistic;
    r.p = w.p;
    r.method = w.method_used == stats::RankTestMethod::exact ? "exact" : "normal";
  }));
}

void add_between(const stats::PrePostData& data, const RoiMeasure& column, const GroupOptions& o,
                 std::vector<TestRow>& tests) {
  const std::vector<double> a = data.active.change(), c = data.control.change();
  const std::string group = data.active.name + "-" + data.control.name;
  const std::string context = data.label() + ", between arms";
  for (const auto variance : {stats::TwoSampleVariance::welch, stats::TwoSampleVariance::student}) {
    TestRow row = row_for(
        column, variance == stats::TwoSampleVariance::welch ? "welch_t" : "student_t", group);
    row.n1 = a.size();
    row.n2 = c.size();
    tests.push_back(computed(row, context, [&](TestRow& r) {
      const stats::TwoSampleTTest t = stats::two_sample_t(a, c, variance, o.confidence);
      const stats::StandardizedDifference s =
          stats::standardized_difference(a, c, o.hedges_correction);
      r.estimate = t.difference;
      r.se = t.se;
      r.statistic = t.t;
      r.df = t.df;
      r.p = t.p;
      r.ci_lower = t.ci_lower;
      r.ci_upper = t.ci_upper;
      r.pooled_sd = s.pooled_sd;
      r.cohen_d = s.cohen_d;
      r.hedges_g = s.hedges_g;
      r.hedges_g_variance = s.hedges_g_variance;
    }));
  }
  if (!o.rank_tests) return;
  TestRow row = row_for(column, "mann_whitney", group);
  row.n1 = a.size();
  row.n2 = c.size();
  tests.push_back(computed(row, context, [&](TestRow& r) {
    const stats::MannWhitneyU u = stats::mann_whitney_u(a, c);
    r.statistic = u.u_active;
    r.p = u.p;
    r.method = u.method_used == stats::RankTestMethod::exact ? "exact" : "normal";
  }));
}

stats::PrePostData column_data(const StudyValues& v, std::size_t j) {
  const RoiMeasure& column = v.columns[j];
  stats::PrePostData data{column.roi, column.measure, arm_values(v, j, v.active_arm), {}};
  if (v.has_control()) data.control = arm_values(v, j, v.control_arm);
  return data;
}

stats::ArmSummary summarise(const stats::PrePostArm& arm) {
  stats::ArmSummary s;
  s.name = arm.name;
  s.n = arm.participant_ids.size();
  const std::vector<double> change = arm.change();
  s.mean_pre = stats::mean(arm.pre);
  s.sd_pre = stats::sample_sd(arm.pre);
  s.mean_post = stats::mean(arm.post);
  s.sd_post = stats::sample_sd(arm.post);
  s.mean_change = stats::mean(change);
  s.sd_change = stats::sample_sd(change);
  s.pre_post_correlation = stats::pearson_r(arm.pre, arm.post);
  return s;
}

// An arm summary with its name and n and every statistic NaN (not computed).
stats::ArmSummary nan_summary(const stats::PrePostArm& arm) {
  stats::ArmSummary s;
  s.name = arm.name;
  s.n = arm.participant_ids.size();
  for (double* x : {&s.mean_pre, &s.sd_pre, &s.mean_post, &s.sd_post, &s.mean_change, &s.sd_change,
                    &s.pre_post_correlation})
    *x = kNaN;
  return s;
}

}  // namespace

void add_column_tests(const StudyValues& v, std::size_t j, const GroupOptions& o,
                      std::vector<TestRow>& tests) {
  const stats::PrePostData data = column_data(v, j);
  const RoiMeasure& column = v.columns[j];
  add_within(data, data.active, column, o, tests);
  if (v.has_control()) add_within(data, data.control, column, o, tests);
  if (o.rank_tests) {
    add_wilcoxon(data, data.active, column, tests);
    if (v.has_control()) add_wilcoxon(data, data.control, column, tests);
  }
  if (v.has_control()) add_between(data, column, o, tests);
}

RecordRow column_record(const StudyValues& v, std::size_t j, const GroupOptions& o) {
  const stats::PrePostData data = column_data(v, j);
  RecordRow row;
  stats::StudyRecord& r = row.record;
  r.roi = data.roi;
  r.measure = data.measure;
  r.hedges_correction = o.hedges_correction;
  r.active = nan_summary(data.active);
  r.control = nan_summary(data.control);
  r.mean_difference = r.mean_difference_variance = r.hedges_g = r.hedges_g_variance = kNaN;
  try {
    if (v.has_control()) {
      r = stats::make_study_record(data, o.hedges_correction);
    } else {
      stats::check_arm(data, data.active);
      r.active = summarise(data.active);
    }
  } catch (const stats::StatsError& e) {
    row.status = e.what();
  }
  return row;
}

}  // namespace acuroi::group::detail
