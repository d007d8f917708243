// Student t tests on ROI-level values, as scipy.stats (ttest_1samp, ttest_rel, ttest_ind) and R
// t.test report them: two-sided p, confidence interval at `confidence` (default 0.95).
// Paired and one-sample tests work on post − pre; two-sample tests compare active − control.
//
//   PairedTTest within = paired_t(post, pre);                 // mean change, SD, SE, t, df, p, CI,
//   dz TwoSampleTTest between = two_sample_t(change_active, change_control,
//   TwoSampleVariance::welch); double p = between.p;
#pragma once
#include <cstddef>
#include <span>

namespace acuroi::stats {

struct OneSampleTTest {
  std::size_t n = 0;
  double mean = 0, sd = 0, se = 0;  // sd with n − 1 denominator; se = sd / √n
  double mu0 = 0;                   // the hypothesised mean
  double t = 0, df = 0, p = 0;      // t = (mean − mu0)/se, df = n − 1, two-sided p
  double ci_lower = 0, ci_upper = 0;
};

struct PairedTTest {
  std::size_t n = 0;
  double mean_difference = 0, sd_difference = 0, se = 0;  // of post − pre
  double t = 0, df = 0, p = 0;
  double ci_lower = 0, ci_upper = 0;
  double cohen_dz = 0;  // mean_difference / sd_difference
};

// Welch: unequal variances, Welch–Satterthwaite df (the default). Student: pooled variance.
enum class TwoSampleVariance { welch, student };

struct TwoSampleTTest {
  TwoSampleVariance variance = TwoSampleVariance::welch;
  std::size_t n_active = 0, n_control = 0;
  double mean_active = 0, mean_control = 0;
  double difference = 0, se = 0;  // difference = mean_active − mean_control
  double t = 0, df = 0, p = 0;
  double ci_lower = 0, ci_upper = 0;  // of the difference
};

// All throw StatsError for n < 2, a non-finite value, a zero SD (t undefined) or a confidence
// outside (0, 1).
OneSampleTTest one_sample_t(std::span<const double> values, double mu0 = 0.0,
                            double confidence = 0.95);
PairedTTest paired_t(std::span<const double> post, std::span<const double> pre,
                     double confidence = 0.95);
TwoSampleTTest two_sample_t(std::span<const double> active, std::span<const double> control,
                            TwoSampleVariance variance = TwoSampleVariance::welch,
                            double confidence = 0.95);

}  // namespace acuroi::stats
