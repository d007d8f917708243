#include "acuroi/stats/study_record.hpp"

#include "acuroi/stats/descriptive.hpp"
#include "acuroi/stats/error.hpp"
#include "format.hpp"

#include <cmath>

namespace acuroi::stats {

std::vector<double> PrePostArm::change() const {
  std::vector<double> out(post.size());
  for (std::size_t i = 0; i < post.size(); ++i) out[i] = post[i] - pre[i];
  return out;
}

std::string PrePostData::label() const { return "ROI " + roi + ", measure " + measure; }

void check_arm(const PrePostData& data, const PrePostArm& arm) {
  const std::string where = data.label() + ", arm '" + arm.name + "'";
  const std::size_t n = arm.participant_ids.size();
  if (arm.pre.size() != n || arm.post.size() != n)
    throw StatsError(where, "values",
                     std::to_string(arm.pre.size()) + " pre, " + std::to_string(arm.post.size()) +
                         " post, " + std::to_string(n) + " participants",
                     "need one pre and one post value per participant");
  if (n < 2)
    throw StatsError(where, "participants", std::to_string(n),
                     "an arm needs at least 2 participants");
  for (const auto& [column, values] : {std::pair{"pre", &arm.pre}, std::pair{"post", &arm.post}}) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isfinite((*values)[i])) missing.push_back(arm.participant_ids[i]);
    if (!missing.empty())
      throw StatsError(where, column, "NaN",
                       "missing for participants " + detail::format_list(missing));
  }
  const std::vector<double> change = arm.change();
  for (const auto& [column, values] :
       {std::pair{"pre", &arm.pre}, std::pair{"post", &arm.post}, std::pair{"change", &change}}) {
    bool constant = true;
    for (double v : *values) constant = constant && v == values->front();
    if (constant)
      throw StatsError(where, column,
                       detail::format_number(values->front()) + " for every participant",
                       "zero variance: t, the pre-post correlation and effect sizes are undefined");
  }
}

namespace {

ArmSummary summarise(const PrePostArm& arm) {
  ArmSummary s;
  s.name = arm.name;
  s.n = arm.participant_ids.size();
  const std::vector<double> change = arm.change();
  s.mean_pre = mean(arm.pre);
  s.sd_pre = sample_sd(arm.pre);
  s.mean_post = mean(arm.post);
  s.sd_post = sample_sd(arm.post);
  s.mean_change = mean(change);
  s.sd_change = sample_sd(change);
  s.pre_post_correlation = pearson_r(arm.pre, arm.post);
  return s;
}

}  // namespace

StudyRecord make_study_record(const PrePostData& data, HedgesCorrection correction) {
  check_arm(data, data.active);
  check_arm(data, data.control);
  StudyRecord r;
  r.roi = data.roi;
  r.measure = data.measure;
  r.active = summarise(data.active);
  r.control = summarise(data.control);
  r.mean_difference = r.active.mean_change - r.control.mean_change;
  r.mean_difference_variance =
      r.active.sd_change * r.active.sd_change / static_cast<double>(r.active.n) +
      r.control.sd_change * r.control.sd_change / static_cast<double>(r.control.n);
  const StandardizedDifference s = with_context(data.label(), [&] {
    return standardized_difference(data.active.change(), data.control.change(), correction);
  });
  r.hedges_g = s.hedges_g;
  r.hedges_g_variance = s.hedges_g_variance;
  r.hedges_correction = correction;
  return r;
}

}  // namespace acuroi::stats
