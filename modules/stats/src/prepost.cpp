#include "acuroi/stats/prepost.hpp"

#include "acuroi/stats/error.hpp"

namespace acuroi::stats {
namespace {

ArmTests arm_tests(const PrePostData& data, const PrePostArm& arm, const PrePostOptions& options) {
  return with_context(data.label() + ", arm '" + arm.name + "'", [&] {
    ArmTests t;
    const std::vector<double> change = arm.change();
    t.paired = paired_t(arm.post, arm.pre, options.confidence);
    t.change = one_sample_t(change, 0.0, options.confidence);
    if (options.rank_tests) t.wilcoxon = wilcoxon_signed_rank(change, options.wilcoxon);
    return t;
  });
}

}  // namespace

PrePostResult analyse_prepost(const PrePostData& data, const PrePostOptions& options) {
  check_arm(data, data.active);
  check_arm(data, data.control);
  PrePostResult r;
  r.roi = data.roi;
  r.measure = data.measure;
  r.active = arm_tests(data, data.active, options);
  r.control = arm_tests(data, data.control, options);
  r.primary = options.between_variance;
  with_context(data.label() + ", between arms", [&] {
    const std::vector<double> a = data.active.change(), c = data.control.change();
    r.welch = two_sample_t(a, c, TwoSampleVariance::welch, options.confidence);
    r.student = two_sample_t(a, c, TwoSampleVariance::student, options.confidence);
    r.effect = standardized_difference(a, c, options.hedges_correction);
    if (options.rank_tests) r.mann_whitney = mann_whitney_u(a, c, options.mann_whitney);
  });
  r.record = make_study_record(data, options.hedges_correction);
  return r;
}

}  // namespace acuroi::stats
