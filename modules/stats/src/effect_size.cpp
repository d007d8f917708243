#include "acuroi/stats/effect_size.hpp"

#include "acuroi/stats/descriptive.hpp"
#include "acuroi/stats/error.hpp"
#include "checks.hpp"
#include "format.hpp"

#include <boost/math/special_functions/gamma.hpp>

#include <cmath>

namespace acuroi::stats {

double hedges_j(double m, HedgesCorrection correction) {
  if (!(m > 1.0))
    throw StatsError("Hedges' J", "degrees of freedom", detail::format_number(m),
                     "must exceed 1 (needs n1 + n2 ≥ 4)");
  if (correction == HedgesCorrection::approximate) return 1.0 - 3.0 / (4.0 * m - 1.0);
  // Γ(m/2)/Γ((m−1)/2) without overflow for large m.
  return boost::math::tgamma_ratio(m / 2.0, (m - 1.0) / 2.0) / std::sqrt(m / 2.0);
}

StandardizedDifference standardized_difference(std::span<const double> active,
                                               std::span<const double> control,
                                               HedgesCorrection correction) {
  detail::check_sample(active, "standardised difference (active arm)", 2);
  detail::check_sample(control, "standardised difference (control arm)", 2);
  StandardizedDifference r;
  r.n_active = active.size();
  r.n_control = control.size();
  const double n1 = static_cast<double>(r.n_active), n2 = static_cast<double>(r.n_control);
  const double m = n1 + n2 - 2.0;
  r.mean_difference = mean(active) - mean(control);
  r.pooled_sd =
      std::sqrt(((n1 - 1.0) * sample_variance(active) + (n2 - 1.0) * sample_variance(control)) / m);
  if (r.pooled_sd == 0.0)
    throw StatsError("standardised difference", "pooled SD", "0",
                     "both arms are constant; Cohen's d and Hedges' g are undefined");
  r.cohen_d = r.mean_difference / r.pooled_sd;
  r.correction = correction;
  r.hedges_j = hedges_j(m, correction);
  r.hedges_g = r.hedges_j * r.cohen_d;
  r.hedges_g_variance = 1.0 / n1 + 1.0 / n2 + r.hedges_g * r.hedges_g / (2.0 * (n1 + n2));
  return r;
}

}  // namespace acuroi::stats
