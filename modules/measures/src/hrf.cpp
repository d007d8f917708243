#include "acuroi/measures/hrf.hpp"

#include <cmath>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::measures {
namespace {

constexpr double kPeakShape = 6.0;         // p(1): delay of response (s)
constexpr double kUndershootShape = 16.0;  // p(2): delay of undershoot (s)
constexpr double kPeakToUndershoot = 6.0;  // p(5): ratio of response to undershoot
constexpr double kLengthSeconds = 32.0;    // p(7): length of kernel (s)

// Gamma density, shape a, unit scale; 0 for t <= 0 (all shapes here exceed 1).
double gamma_density(double t, double shape) {
  if (t <= 0.0) return 0.0;
  return std::exp((shape - 1.0) * std::log(t) - t - std::lgamma(shape));
}

// h sampled at t = k * dt - onset_seconds, normalised to sum 1.
Eigen::VectorXd sampled_hrf(double dt_seconds, double onset_seconds) {
  if (!(dt_seconds > 0.0) || !std::isfinite(dt_seconds)) {
    throw core::InputError("(HRF)", "dt_seconds", std::to_string(dt_seconds), "must be positive");
  }
  const auto samples = static_cast<Eigen::Index>(std::ceil(kLengthSeconds / dt_seconds)) + 1;
  Eigen::VectorXd hrf(samples);
  for (Eigen::Index k = 0; k < samples; ++k) {
    const double t = static_cast<double>(k) * dt_seconds - onset_seconds;
    hrf(k) = gamma_density(t, kPeakShape) - gamma_density(t, kUndershootShape) / kPeakToUndershoot;
  }
  return hrf / hrf.sum();
}

}  // namespace

Eigen::VectorXd spm_canonical_hrf(double dt_seconds) { return sampled_hrf(dt_seconds, 0.0); }

Eigen::VectorXd spm_hrf_temporal_derivative(double dt_seconds) {
  return sampled_hrf(dt_seconds, 0.0) - sampled_hrf(dt_seconds, 1.0);
}

}  // namespace acuroi::measures
