// Tail probabilities and quantiles of the reference distributions (Boost.Math), with the
// conventions used throughout the stats module: two-sided p = 2·P(T ≥ |t|), CI quantile for a
// two-sided level `confidence`. Private to the module.
#pragma once

namespace acuroi::stats::detail {

// P(|T| ≥ |t|) for Student's t with `df` (> 0, may be fractional) degrees of freedom.
double t_two_sided_p(double t, double df);
// The upper (1 + confidence)/2 quantile of Student's t with `df` degrees of freedom.
double t_critical(double confidence, double df);
// P(F ≥ f) for Fisher's F(df_num, df_den).
double f_upper_p(double f, double df_num, double df_den);
// P(Z ≥ z) for the standard normal.
double normal_upper_p(double z);

}  // namespace acuroi::stats::detail
