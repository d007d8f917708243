// Time courses of the signal model (one value per volume, dimensionless unless stated).
//
// band_limited_series: a sum of cosines at the DFT frequencies k / (T * TR) that fall in
// [low_hz, high_hz], amplitudes proportional to k^-1/2 (a 1/f power spectrum), phases uniform
// random, scaled to zero mean and unit population variance EXACTLY. Because the frequencies are the
// DFT frequencies of the run, the periodogram of the series is zero outside the band and its
// in-band power is fixed; only the phases are random.
//
//   SeededRandom rng(seed);
//   std::vector<double> f = band_limited_series(rng, 120, 2.0, 0.01, 0.08);  // var(f) == 1
//   std::vector<double> d = drift_series(rng, 120, 0.005);   // linear + 2 slow cosines
#pragma once
#include <vector>

#include "acuroi/simulate/random.hpp"

namespace acuroi::simulate {

// Throws core::ConfigError if no DFT frequency falls in the band.
std::vector<double> band_limited_series(SeededRandom& rng, int volumes, double tr_s, double low_hz,
                                        double high_hz);

// sqrt(c) * common + sqrt(1 - c) * own: with unit-variance independent inputs, a series sharing
// the fraction c of its variance with `common`.
std::vector<double> mix_series(const std::vector<double>& common, const std::vector<double>& own,
                               double shared_fraction);

// Slow drift: b0 * (t / (T - 1) - 1/2) + b1 cos(pi (t + 1/2) / T) + b2 cos(2 pi (t + 1/2) / T),
// each b ~ N(0, sd).
std::vector<double> drift_series(SeededRandom& rng, int volumes, double sd);

// Population variance (divide by n) and mean, for checks and normalisation.
double series_mean(const std::vector<double>& x);
double series_variance(const std::vector<double>& x);

}  // namespace acuroi::simulate
