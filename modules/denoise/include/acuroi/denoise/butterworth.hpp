// Butterworth band-pass filter applied forward and backward (zero phase), the equivalent of
// scipy.signal.butter(order, [low, high], btype="bandpass", fs=1/TR) + scipy.signal.filtfilt with
// its defaults (odd extension of 3 x max(len(a), len(b)) samples at each end, initial conditions
// from lfilter_zi scaled by the first sample). XCP-D band-passes with a second-order Butterworth
// filter; this is for measures that need a plain filter (e.g. ALFF), not for denoise() itself,
// which removes out-of-band frequencies inside its single regression (see denoise.hpp).
// Frequencies in Hz, TR in s; 0 < low < high < Nyquist (1 / (2 TR)).
//
//   ButterworthFilter filter = butterworth_bandpass(2, 0.01, 0.08, 2.0);
//   Eigen::MatrixXd filtered = filtfilt(filter, series);  // T x N, each column filtered
#pragma once
#include <Eigen/Dense>

namespace acuroi::denoise {

struct ButterworthFilter {
  Eigen::VectorXd b;  // numerator coefficients (a(0) = 1)
  Eigen::VectorXd a;  // denominator coefficients
};

// Digital band-pass of the given (low-pass prototype) order: 2 x order + 1 coefficients each.
// Throws core::InputError for an order < 1 or frequencies outside 0 < low < high < Nyquist.
ButterworthFilter butterworth_bandpass(int order, double low_hz, double high_hz,
                                       double repetition_time_s);

// Zero-phase filtering of every column of `series` (T x N). T must exceed the padding length
// 3 x max(len(a), len(b)) (else core::InputError, as scipy raises ValueError).
Eigen::MatrixXd filtfilt(const ButterworthFilter& filter, const Eigen::MatrixXd& series);

}  // namespace acuroi::denoise
