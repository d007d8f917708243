#include "acuroi/group/options.hpp"

namespace acuroi::group {

GroupOptions group_options(const config::Config& config) {
  const config::GroupSettings& g = config.group;
  GroupOptions o;
  o.covariates = g.covariates;
  o.categorical = g.categorical;
  o.centre_covariates = g.centre_covariates;
  o.between_variance = g.between_test == config::BetweenTest::welch
                           ? stats::TwoSampleVariance::welch
                           : stats::TwoSampleVariance::student;
  o.rank_tests = g.rank_tests;
  o.hedges_correction = g.hedges_correction == config::HedgesJ::exact
                            ? stats::HedgesCorrection::exact
                            : stats::HedgesCorrection::approximate;
  o.ancova = g.ancova;
  o.change_model = g.change_model;
  o.permutations = static_cast<std::size_t>(g.permutations);
  o.permutation_seed = static_cast<std::uint64_t>(g.permutation_seed);
  o.p_adjust = stats::parse_p_adjust_method(g.p_adjust);
  o.confidence = g.confidence;
  return o;
}

StudyDesign study_design(const config::Config& config) {
  StudyDesign d;
  d.active_arm = config.study.arms.at(0);
  d.control_arm = config.study.arms.size() > 1 ? config.study.arms[1] : std::string();
  d.pre_session = config.study.sessions.pre;
  d.post_session = config.study.sessions.post;
  d.include = config.participants.include;
  d.exclude = config.participants.exclude;
  const config::GroupSettings settings = config.group;
  d.select_measure = [settings](std::string_view measure) {
    return config::selects_measure(settings, measure);
  };
  return d;
}

}  // namespace acuroi::group
