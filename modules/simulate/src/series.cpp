#include "acuroi/simulate/series.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::simulate {

std::vector<double> band_limited_series(SeededRandom& rng, int volumes, double tr_s, double low_hz,
                                        double high_hz) {
  const double duration_s = volumes * tr_s;
  std::vector<double> x(volumes, 0.0);
  int bins = 0;
  // k < T/2 keeps every bin a full complex pair, so the variance is sum(A^2)/2 exactly.
  for (int k = 1; 2 * k < volumes; ++k) {
    const double hz = k / duration_s;
    if (hz < low_hz || hz > high_hz) continue;
    const double amplitude = 1.0 / std::sqrt(static_cast<double>(k));
    const double phase = 2.0 * std::numbers::pi * rng.uniform();
    const double step = 2.0 * std::numbers::pi * k / volumes;
    for (int t = 0; t < volumes; ++t) x[t] += amplitude * std::cos(step * t + phase);
    ++bins;
  }
  if (bins == 0) {
    throw core::ConfigError(
        "acuroi simulate", 0, 0, "band",
        std::to_string(low_hz) + "-" + std::to_string(high_hz) + " Hz",
        "no frequency of a " + std::to_string(volumes) + "-volume run falls in the band");
  }
  const double mean = series_mean(x);
  const double sd = std::sqrt(series_variance(x));
  for (double& v : x) v = (v - mean) / sd;
  return x;
}

std::vector<double> mix_series(const std::vector<double>& common, const std::vector<double>& own,
                               double shared_fraction) {
  const double a = std::sqrt(shared_fraction), b = std::sqrt(1.0 - shared_fraction);
  std::vector<double> mixed(common.size());
  for (std::size_t t = 0; t < common.size(); ++t) mixed[t] = a * common[t] + b * own[t];
  return mixed;
}

std::vector<double> drift_series(SeededRandom& rng, int volumes, double sd) {
  const double linear = rng.normal(0.0, sd), first = rng.normal(0.0, sd),
               second = rng.normal(0.0, sd);
  std::vector<double> d(volumes);
  for (int t = 0; t < volumes; ++t) {
    const double phase = std::numbers::pi * (t + 0.5) / volumes;
    d[t] = linear * (volumes > 1 ? static_cast<double>(t) / (volumes - 1) - 0.5 : 0.0) +
           first * std::cos(phase) + second * std::cos(2.0 * phase);
  }
  return d;
}

double series_mean(const std::vector<double>& x) {
  double sum = 0.0;
  for (double v : x) sum += v;
  return x.empty() ? 0.0 : sum / static_cast<double>(x.size());
}

double series_variance(const std::vector<double>& x) {
  const double mean = series_mean(x);
  double sum = 0.0;
  for (double v : x) sum += (v - mean) * (v - mean);
  return x.empty() ? 0.0 : sum / static_cast<double>(x.size());
}

}  // namespace acuroi::simulate
