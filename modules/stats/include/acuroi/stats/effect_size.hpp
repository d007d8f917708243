// Standardised mean differences between arms (on the change): pooled SD, Cohen's d, Hedges' g and
// the large-sample variance of g (metafor escalc measure "SMD", vtype "LS").
//   pooled_sd = √(((n1−1)s1² + (n2−1)s2²)/m),  m = n1 + n2 − 2
//   d = (mean1 − mean2)/pooled_sd,  g = J(m)·d
//   J exact  = Γ(m/2) / (√(m/2) Γ((m−1)/2))     (default, as metafor)
//   J approx = 1 − 3/(4m − 1)
//   var(g)   = 1/n1 + 1/n2 + g²/(2(n1 + n2))    (vtype "LS")
//
//   StandardizedDifference s = standardized_difference(change_active, change_control);
//   double g = s.hedges_g, v = s.hedges_g_variance;
#pragma once
#include <cstddef>
#include <span>

namespace acuroi::stats {

enum class HedgesCorrection { exact, approximate };

// Hedges' small-sample correction factor J for m degrees of freedom (m > 1).
double hedges_j(double m, HedgesCorrection correction = HedgesCorrection::exact);

struct StandardizedDifference {
  std::size_t n_active = 0, n_control = 0;
  double mean_difference = 0;  // mean_active − mean_control
  double pooled_sd = 0;
  double cohen_d = 0;
  double hedges_j = 0;
  HedgesCorrection correction = HedgesCorrection::exact;
  double hedges_g = 0;
  double hedges_g_variance = 0;  // 1/n1 + 1/n2 + g²/(2(n1+n2))
};

// Throws StatsError for an arm with fewer than 2 values, non-finite values or a zero pooled SD.
StandardizedDifference standardized_difference(
    std::span<const double> active, std::span<const double> control,
    HedgesCorrection correction = HedgesCorrection::exact);

}  // namespace acuroi::stats
