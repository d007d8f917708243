// DVARS as fMRIPrep reports it (nipype.algorithms.confounds.compute_dvars, remove_zerovariance).
#include <algorithm>
#include <cmath>
#include <limits>

#include "acuroi/simulate/confounds.hpp"

namespace acuroi::simulate {

namespace {

// Median of all stored values (numpy: mean of the two middle values for an even count).
double median_of_all(const std::vector<float>& values) {
  std::vector<float> copy = values;
  const std::size_t n = copy.size(), mid = n / 2;
  std::nth_element(copy.begin(), copy.begin() + mid, copy.end());
  const double upper = copy[mid];
  if (n % 2 == 1) return upper;
  const double lower = *std::max_element(copy.begin(), copy.begin() + mid);
  return 0.5 * (lower + upper);
}

// numpy.percentile(x, q, method="lower"): sorted[floor(q/100 * (n - 1))].
double percentile_lower(std::vector<double> x, double q) {
  const auto k =
      static_cast<std::size_t>(std::floor(q / 100.0 * static_cast<double>(x.size() - 1)));
  std::nth_element(x.begin(), x.begin() + k, x.end());
  return x[k];
}

// Yule-Walker AR(1) of the demeaned series: sum x_t x_t+1 / sum x_t^2 (nitime AR_est_YW, order 1).
double ar1_yule_walker(const std::vector<double>& series) {
  double mean = 0.0;
  for (double v : series) mean += v;
  mean /= static_cast<double>(series.size());
  double lag0 = 0.0, lag1 = 0.0;
  for (std::size_t t = 0; t < series.size(); ++t) {
    const double x = series[t] - mean;
    lag0 += x * x;
    if (t + 1 < series.size()) lag1 += x * (series[t + 1] - mean);
  }
  return lag0 > 0.0 ? lag1 / lag0 : 0.0;
}

}  // namespace

Dvars compute_dvars(const SimulatedRun& run) {
  const int T = run.volumes;
  const std::size_t n = run.voxels;
  const double scale = 1000.0 / median_of_all(run.values);
  // Per-voxel predicted SD of the temporal difference; voxels with zero robust SD are dropped.
  std::vector<std::size_t> kept;
  double diff_sd_sum = 0.0;
  std::vector<double> series(T);
  for (std::size_t i = 0; i < n; ++i) {
    for (int t = 0; t < T; ++t) series[t] = scale * run.values[static_cast<std::size_t>(t) * n + i];
    const double robust_sd =
        (percentile_lower(series, 75.0) - percentile_lower(series, 25.0)) / 1.349;
    if (robust_sd == 0.0) continue;
    kept.push_back(i);
    diff_sd_sum += std::sqrt(2.0 * (1.0 - ar1_yule_walker(series))) * robust_sd;
  }
  Dvars d;
  d.dvars.assign(T, std::numeric_limits<double>::quiet_NaN());
  d.std_dvars = d.dvars;
  if (kept.empty()) return d;
  const double diff_sd_mean = diff_sd_sum / static_cast<double>(kept.size());
  for (int t = 1; t < T; ++t) {
    const float* now = run.values.data() + static_cast<std::size_t>(t) * n;
    const float* before = now - n;
    double sum = 0.0;
    for (std::size_t i : kept) {
      const double delta = scale * now[i] - scale * before[i];
      sum += delta * delta;
    }
    d.dvars[t] = std::sqrt(sum / static_cast<double>(kept.size()));
    d.std_dvars[t] = d.dvars[t] / diff_sd_mean;
  }
  return d;
}

}  // namespace acuroi::simulate
