// Internal: the distribution functions metafor calls (pnorm, qnorm, pt, qt, pchisq, qchisq, pf),
// via Boost.Math, with upper tails computed as complements so tiny p-values stay accurate.
#pragma once

namespace acuroi::meta::detail {

double normal_upper(double z);            // P(Z > z)
double normal_quantile_upper(double a);   // z with P(Z > z) = a
double t_upper(double t, double df);      // P(T > t)
double t_quantile_upper(double a, double df);
double chisq_upper(double x, double df);  // P(X > x)
double chisq_lower(double x, double df);
double chisq_quantile(double p, double df);  // lower-tail quantile
double f_upper(double x, double df1, double df2);

// Two-sided p-value and critical value for a z or t statistic (df <= 0 or NaN means z).
double two_sided_p(double stat, double df);
double critical_value(double level_percent, double df);

}  // namespace acuroi::meta::detail
