// Filling censored volumes by linear interpolation in time, for measures that need an evenly
// sampled series (the periodogram of ALFF/fALFF). XCP-D interpolates censored volumes before its
// band-pass (cubic spline); acuroi uses linear interpolation between the nearest kept volumes
// (numpy.interp), which cannot overshoot, and holds the first/last kept value at the run's edges.
//
//   Eigen::MatrixXd full = fill_censored_linear(result.cleaned, result.kept_indices, T);
#pragma once
#include <vector>

#include <Eigen/Dense>

namespace acuroi::denoise {

// kept_rows: K x N values at the volumes kept_indices (increasing, K >= 1, all < volume_count).
// Returns volume_count x N with kept rows copied and censored rows interpolated per column.
// Throws core::InputError when the sizes disagree or the indices are not increasing.
Eigen::MatrixXd fill_censored_linear(const Eigen::MatrixXd& kept_rows,
                                     const std::vector<Eigen::Index>& kept_indices,
                                     Eigen::Index volume_count);

}  // namespace acuroi::denoise
