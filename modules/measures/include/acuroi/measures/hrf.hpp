// SPM's canonical haemodynamic response function (spm_hrf with p = [6 16 1 1 6 0 32]).
//
// h(t) = g(t; 6) - g(t; 16) / 6 for 0 <= t <= 32 s, g(t; a) the gamma density with shape a and
// unit scale (seconds), sampled at t = k * dt, k = 0..ceil(32 / dt), then scaled to sum 1 (so a
// long block convolved with it tends to 1). Peak near 5 s, undershoot minimum near 15.75 s.
// Temporal derivative as SPM's spm_get_bf: (h(t) - h(t - 1 s)) / 1 s, both terms normalised.
// Typical dt is TR / 16 (SPM's fMRI_T = 16 microtime bins).
//
//   Eigen::VectorXd hrf = spm_canonical_hrf(2.0 / 16);
//   Eigen::VectorXd dhrf = spm_hrf_temporal_derivative(2.0 / 16);
#pragma once
#include <Eigen/Dense>

namespace acuroi::measures {

// Throws core::InputError when dt_seconds is not positive.
Eigen::VectorXd spm_canonical_hrf(double dt_seconds);

Eigen::VectorXd spm_hrf_temporal_derivative(double dt_seconds);

}  // namespace acuroi::measures
