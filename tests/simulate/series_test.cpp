// Band-limited fluctuations, mixing and drift, checked with a direct DFT written here.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>

#include "acuroi/simulate/series.hpp"

namespace acuroi::simulate {
namespace {

// |X_k|^2 / T^2 of the plain DFT: the power at frequency k / (T TR).
std::vector<double> dft_power(const std::vector<double>& x) {
  const int T = static_cast<int>(x.size());
  std::vector<double> power(T / 2 + 1);
  for (int k = 0; k <= T / 2; ++k) {
    std::complex<double> sum = 0;
    for (int t = 0; t < T; ++t) sum += x[t] * std::polar(1.0, -2 * std::numbers::pi * k * t / T);
    power[k] = std::norm(sum) / (static_cast<double>(T) * T);
  }
  return power;
}

TEST(SimulateSeries, BandLimitedHasUnitVarianceAndNoPowerOutsideTheBand) {
  SeededRandom rng(11);
  const int T = 150;
  const double tr = 2.0;
  const std::vector<double> f = band_limited_series(rng, T, tr, 0.01, 0.08);
  EXPECT_NEAR(series_mean(f), 0.0, 1e-12);
  EXPECT_NEAR(series_variance(f), 1.0, 1e-12);
  const std::vector<double> power = dft_power(f);
  double inside = 0, outside = 0;
  for (int k = 1; k < static_cast<int>(power.size()); ++k) {
    const double hz = k / (T * tr);
    (hz >= 0.01 && hz <= 0.08 ? inside : outside) += power[k];
  }
  EXPECT_NEAR(2 * inside, 1.0, 1e-9);  // one-sided: variance = 2 * sum of |X_k|^2/T^2, k < T/2
  EXPECT_LT(outside, 1e-20);
  // 1/f spectrum: bin k has power proportional to 1/k (k = 3 and 24 are both in the band).
  EXPECT_NEAR(power[3] / power[24], 8.0, 1e-6);
}

TEST(SimulateSeries, ShortRunWithoutBandFrequencyIsAConfigError) {
  SeededRandom rng(1);
  // 12 volumes x 0.5 s = 6 s: the lowest frequency is 0.167 Hz, above 0.08.
  EXPECT_THROW(band_limited_series(rng, 12, 0.5, 0.01, 0.08), std::exception);
}

TEST(SimulateSeries, MixingSharesTheRequestedVarianceFraction) {
  // Averaged over many independent pairs, corr(mix(c, a, b), mix(c, a', b')) -> coupling.
  SeededRandom rng(5);
  const double coupling = 0.6;
  double mean_r = 0;
  const int pairs = 400;
  for (int i = 0; i < pairs; ++i) {
    const auto common = band_limited_series(rng, 200, 2.0, 0.01, 0.08);
    const auto x = mix_series(common, band_limited_series(rng, 200, 2.0, 0.01, 0.08), coupling);
    const auto y = mix_series(common, band_limited_series(rng, 200, 2.0, 0.01, 0.08), coupling);
    double sxy = 0;
    for (std::size_t t = 0; t < x.size(); ++t) sxy += x[t] * y[t];
    mean_r += sxy / x.size() / std::sqrt(series_variance(x) * series_variance(y)) / pairs;
  }
  // Per-pair SD of r is about 0.2 with ~29 in-band frequencies: SE of the mean ~0.01.
  EXPECT_NEAR(mean_r, coupling, 0.04);
}

TEST(SimulateSeries, DriftIsLinearPlusTwoSlowCosines) {
  SeededRandom a(9), b(9);
  const auto d = drift_series(a, 100, 0.01);
  const double linear = b.normal(0, 0.01), c1 = b.normal(0, 0.01), c2 = b.normal(0, 0.01);
  for (int t : {0, 37, 99}) {
    const double phase = std::numbers::pi * (t + 0.5) / 100;
    EXPECT_NEAR(d[t], linear * (t / 99.0 - 0.5) + c1 * std::cos(phase) + c2 * std::cos(2 * phase),
                1e-15);
  }
}

}  // namespace
}  // namespace acuroi::simulate
