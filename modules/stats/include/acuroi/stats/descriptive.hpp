// Descriptive statistics of ROI-level values: mean, sample SD (n − 1 denominator), Pearson r.
// Values are plain doubles in the unit of the measure; NaN is not allowed (callers validate).
//
//   std::vector<double> change = {-0.2, -0.5, 0.1};
//   double m = acuroi::stats::mean(change);
//   double s = acuroi::stats::sample_sd(change);   // ddof = 1, like numpy std(ddof=1) and R sd()
#pragma once
#include <span>

namespace acuroi::stats {

double mean(std::span<const double> values);
// Sample variance with the n − 1 denominator (two-pass, for accuracy). Needs n ≥ 2.
double sample_variance(std::span<const double> values);
double sample_sd(std::span<const double> values);
// Pearson correlation of two equally long samples; NaN-free input; throws StatsError when
// either sample is constant (r undefined).
double pearson_r(std::span<const double> x, std::span<const double> y);

}  // namespace acuroi::stats
