#include "acuroi/stats/t_tests.hpp"

#include "acuroi/stats/descriptive.hpp"
#include "acuroi/stats/error.hpp"
#include "checks.hpp"
#include "distributions.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace acuroi::stats {

OneSampleTTest one_sample_t(std::span<const double> values, double mu0, double confidence) {
  detail::check_confidence(confidence);
  detail::check_sample(values, "one-sample t", 2);
  OneSampleTTest r;
  r.n = values.size();
  r.mean = mean(values);
  r.sd = sample_sd(values);
  detail::check_not_constant(r.sd, r.mean, "one-sample t");
  r.se = r.sd / std::sqrt(static_cast<double>(r.n));
  r.mu0 = mu0;
  r.t = (r.mean - mu0) / r.se;
  r.df = static_cast<double>(r.n - 1);
  r.p = detail::t_two_sided_p(r.t, r.df);
  const double half_width = detail::t_critical(confidence, r.df) * r.se;
  r.ci_lower = r.mean - half_width;
  r.ci_upper = r.mean + half_width;
  return r;
}

PairedTTest paired_t(std::span<const double> post, std::span<const double> pre, double confidence) {
  if (post.size() != pre.size())
    throw StatsError(
        "paired t", "n",
        std::to_string(post.size()) + " post vs " + std::to_string(pre.size()) + " pre",
        "post and pre must pair one to one");
  detail::check_sample(post, "paired t (post)", 2);
  detail::check_sample(pre, "paired t (pre)", 2);
  std::vector<double> difference(post.size());
  for (std::size_t i = 0; i < post.size(); ++i) difference[i] = post[i] - pre[i];
  const OneSampleTTest one = with_context(
      "paired t (post − pre)", [&] { return one_sample_t(difference, 0.0, confidence); });
  PairedTTest r;
  r.n = one.n;
  r.mean_difference = one.mean;
  r.sd_difference = one.sd;
  r.se = one.se;
  r.t = one.t;
  r.df = one.df;
  r.p = one.p;
  r.ci_lower = one.ci_lower;
  r.ci_upper = one.ci_upper;
  r.cohen_dz = one.mean / one.sd;
  return r;
}

TwoSampleTTest two_sample_t(std::span<const double> active, std::span<const double> control,
                            TwoSampleVariance variance, double confidence) {
  detail::check_confidence(confidence);
  detail::check_sample(active, "two-sample t (active arm)", 2);
  detail::check_sample(control, "two-sample t (control arm)", 2);
  TwoSampleTTest r;
  r.variance = variance;
  r.n_active = active.size();
  r.n_control = control.size();
  const double n1 = static_cast<double>(r.n_active), n2 = static_cast<double>(r.n_control);
  r.mean_active = mean(active);
  r.mean_control = mean(control);
  const double v1 = sample_variance(active), v2 = sample_variance(control);
  if (v1 == 0.0 && v2 == 0.0)
    detail::check_not_constant(0.0, r.mean_active, "two-sample t (both arms constant)");
  r.difference = r.mean_active - r.mean_control;
  if (variance == TwoSampleVariance::welch) {
    const double a = v1 / n1, b = v2 / n2;
    r.se = std::sqrt(a + b);
    r.df = (a + b) * (a + b) / (a * a / (n1 - 1.0) + b * b / (n2 - 1.0));
  } else {
    r.df = n1 + n2 - 2.0;
    const double pooled = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / r.df;
    r.se = std::sqrt(pooled * (1.0 / n1 + 1.0 / n2));
  }
  r.t = r.difference / r.se;
  r.p = detail::t_two_sided_p(r.t, r.df);
  const double half_width = detail::t_critical(confidence, r.df) * r.se;
  r.ci_lower = r.difference - half_width;
  r.ci_upper = r.difference + half_width;
  return r;
}

}  // namespace acuroi::stats
