// Butterworth band-pass design (analog prototype -> band-pass -> bilinear transform, as
// scipy.signal.butter does in zpk form) and forward-backward filtering (as scipy's filtfilt).
#include "acuroi/denoise/butterworth.hpp"

#include <cmath>
#include <complex>
#include <numbers>
#include <string>
#include <vector>

#include "acuroi/core/error.hpp"

namespace acuroi::denoise {
namespace {

using Complex = std::complex<double>;

// Coefficients of prod (x - root), highest power first.
std::vector<Complex> polynomial_from_roots(const std::vector<Complex>& roots) {
  std::vector<Complex> coefficients = {1.0};
  for (const Complex& root : roots) {
    std::vector<Complex> next(coefficients.size() + 1, 0.0);
    for (std::size_t i = 0; i < coefficients.size(); ++i) {
      next[i] += coefficients[i];
      next[i + 1] -= root * coefficients[i];
    }
    coefficients = std::move(next);
  }
  return coefficients;
}

// Direct form II transposed, state `z` (len(a) - 1) updated in place.
void lfilter(const ButterworthFilter& f, const std::vector<double>& x, std::vector<double>& y,
             Eigen::VectorXd z) {
  const Eigen::Index n = f.a.size();
  y.resize(x.size());
  for (std::size_t t = 0; t < x.size(); ++t) {
    const double out = f.b(0) * x[t] + z(0);
    for (Eigen::Index i = 0; i + 2 < n; ++i) z(i) = f.b(i + 1) * x[t] + z(i + 1) - f.a(i + 1) * out;
    z(n - 2) = f.b(n - 1) * x[t] - f.a(n - 1) * out;
    y[t] = out;
  }
}

// Steady-state state for a unit step input (scipy.signal.lfilter_zi).
Eigen::VectorXd step_initial_state(const ButterworthFilter& f) {
  const Eigen::Index m = f.a.size() - 1;
  Eigen::MatrixXd identity_minus_companion_t = Eigen::MatrixXd::Identity(m, m);
  for (Eigen::Index i = 0; i < m; ++i) {
    identity_minus_companion_t(i, 0) += f.a(i + 1);  // companion first row -a[1:], transposed
    if (i + 1 < m) identity_minus_companion_t(i, i + 1) -= 1.0;
  }
  Eigen::VectorXd rhs(m);
  for (Eigen::Index i = 0; i < m; ++i) rhs(i) = f.b(i + 1) - f.a(i + 1) * f.b(0);
  return identity_minus_companion_t.fullPivLu().solve(rhs);
}

}  // namespace

ButterworthFilter butterworth_bandpass(int order, double low_hz, double high_hz,
                                       double repetition_time_s) {
  if (order < 1)
    throw core::InputError("", "butterworth order", std::to_string(order), "must be >= 1");
  const double nyquist = 0.5 / repetition_time_s;
  if (!(repetition_time_s > 0.0) || !(low_hz > 0.0) || !(low_hz < high_hz) || !(high_hz < nyquist))
    throw core::InputError("", "band-pass", std::to_string(low_hz) + "-" + std::to_string(high_hz),
                           "need 0 < low < high < Nyquist " + std::to_string(nyquist) + " Hz");
  const double pi = std::numbers::pi;
  // Pre-warped analog edges for the bilinear transform with sampling rate 2 (normalised units).
  const double warped_low = 4.0 * std::tan(pi * (low_hz / nyquist) / 2.0);
  const double warped_high = 4.0 * std::tan(pi * (high_hz / nyquist) / 2.0);
  const double bandwidth = warped_high - warped_low;
  const double centre = std::sqrt(warped_low * warped_high);
  std::vector<Complex> poles, zeros;
  for (int k = 1; k <= order; ++k) {
    const Complex prototype = -std::exp(Complex(0.0, pi * (2.0 * k - order - 1) / (2.0 * order)));
    const Complex scaled = prototype * bandwidth / 2.0;
    const Complex root = std::sqrt(scaled * scaled - centre * centre);
    poles.push_back(scaled + root);
    poles.push_back(scaled - root);
  }
  double gain = std::pow(bandwidth, order);
  // Bilinear transform (fs = 2, so 2 fs = 4): analog zeros at 0 (order of them) and the remaining
  // `order` zeros at infinity map to z = 1 and z = -1.
  Complex numerator = 1.0, denominator = 1.0;
  for (int k = 0; k < order; ++k) {
    zeros.push_back(1.0);
    numerator *= 4.0;  // 4 - 0 for each analog zero at the origin
  }
  std::vector<Complex> digital_poles;
  for (const Complex& p : poles) {
    digital_poles.push_back((4.0 + p) / (4.0 - p));
    denominator *= 4.0 - p;
  }
  for (int k = 0; k < order; ++k) zeros.push_back(-1.0);
  gain *= (numerator / denominator).real();
  const auto b = polynomial_from_roots(zeros);
  const auto a = polynomial_from_roots(digital_poles);
  ButterworthFilter filter;
  filter.b.resize(static_cast<Eigen::Index>(b.size()));
  filter.a.resize(static_cast<Eigen::Index>(a.size()));
  for (std::size_t i = 0; i < b.size(); ++i)
    filter.b(static_cast<Eigen::Index>(i)) = gain * b[i].real();
  for (std::size_t i = 0; i < a.size(); ++i) filter.a(static_cast<Eigen::Index>(i)) = a[i].real();
  return filter;
}

Eigen::MatrixXd filtfilt(const ButterworthFilter& filter, const Eigen::MatrixXd& series) {
  const Eigen::Index pad = 3 * std::max(filter.a.size(), filter.b.size());
  const Eigen::Index volumes = series.rows();
  if (volumes <= pad)
    throw core::InputError("", "volumes", std::to_string(volumes),
                           "filtfilt needs more than " + std::to_string(pad) + " samples");
  const Eigen::VectorXd initial = step_initial_state(filter);
  Eigen::MatrixXd filtered(volumes, series.cols());
  std::vector<double> extended(static_cast<std::size_t>(volumes + 2 * pad)), forward, backward;
  for (Eigen::Index c = 0; c < series.cols(); ++c) {
    const auto x = series.col(c);
    for (Eigen::Index i = 0; i < pad; ++i) {
      extended[static_cast<std::size_t>(i)] = 2.0 * x(0) - x(pad - i);
      extended[static_cast<std::size_t>(pad + volumes + i)] =
          2.0 * x(volumes - 1) - x(volumes - 2 - i);
    }
    for (Eigen::Index t = 0; t < volumes; ++t) extended[static_cast<std::size_t>(pad + t)] = x(t);
    lfilter(filter, extended, forward, initial * extended.front());
    std::vector<double> reversed(forward.rbegin(), forward.rend());
    lfilter(filter, reversed, backward, initial * reversed.front());
    for (Eigen::Index t = 0; t < volumes; ++t)
      filtered(t, c) = backward[static_cast<std::size_t>(pad + volumes - 1 - t)];
  }
  return filtered;
}

}  // namespace acuroi::denoise
