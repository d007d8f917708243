#include "acuroi/measures/alff.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::measures {
namespace {

const double kNan = std::numeric_limits<double>::quiet_NaN();

// Index of the first frequency closest to `target_hz` (numpy argmin semantics).
Eigen::Index closest_bin(const Eigen::VectorXd& frequencies_hz, double target_hz) {
  Eigen::Index best = 0;
  double best_distance = std::abs(frequencies_hz(0) - target_hz);
  for (Eigen::Index k = 1; k < frequencies_hz.size(); ++k) {
    const double distance = std::abs(frequencies_hz(k) - target_hz);
    if (distance < best_distance) {
      best_distance = distance;
      best = k;
    }
  }
  return best;
}

// Frequencies as numpy.fft.rfftfreq(T, d = 1 / fs) computes them, so the argmin picks the same
// bins.
Eigen::VectorXd periodogram_frequencies(Eigen::Index volumes, double repetition_time_seconds) {
  const double sampling_hz = 1.0 / repetition_time_seconds;
  const double spacing = 1.0 / (static_cast<double>(volumes) * (1.0 / sampling_hz));
  Eigen::VectorXd frequencies(volumes / 2 + 1);
  for (Eigen::Index k = 0; k < frequencies.size(); ++k) frequencies(k) = k * spacing;
  return frequencies;
}

// Amplitude spectrum sqrt(P_k) of every (demeaned) column: K x V, by a real DFT as a matrix
// product.
Eigen::MatrixXd amplitude_spectrum(const Eigen::MatrixXd& demeaned) {
  const Eigen::Index volumes = demeaned.rows();
  const Eigen::Index bins = volumes / 2 + 1;
  Eigen::MatrixXd cosine(bins, volumes), sine(bins, volumes);
  for (Eigen::Index k = 0; k < bins; ++k) {
    for (Eigen::Index t = 0; t < volumes; ++t) {
      // Reduce k*t modulo T first so the angle stays accurate for long runs.
      const double angle = 2.0 * std::numbers::pi * static_cast<double>((k * t) % volumes) /
                           static_cast<double>(volumes);
      cosine(k, t) = std::cos(angle);
      sine(k, t) = std::sin(angle);
    }
  }
  const Eigen::MatrixXd real = cosine * demeaned;
  const Eigen::MatrixXd imaginary = sine * demeaned;
  Eigen::MatrixXd power =
      (real.array().square() + imaginary.array().square()) / static_cast<double>(volumes * volumes);
  // One-sided spectrum: double every bin except DC and (for even T) Nyquist.
  const Eigen::Index last_doubled = (volumes % 2 == 0) ? bins - 2 : bins - 1;
  for (Eigen::Index k = 1; k <= last_doubled; ++k) power.row(k) *= 2.0;
  return power.array().sqrt().matrix();
}

void check_inputs(double repetition_time_seconds, const AlffOptions& options) {
  if (!(repetition_time_seconds > 0.0) || !std::isfinite(repetition_time_seconds)) {
    throw core::InputError("(ALFF input)", "repetition_time_seconds",
                           std::to_string(repetition_time_seconds), "must be positive");
  }
  if (!(options.band_low_hz >= 0.0) || !(options.band_low_hz < options.band_high_hz)) {
    throw core::InputError(
        "(ALFF options)", "band_low_hz", std::to_string(options.band_low_hz),
        "must be >= 0 and below band_high_hz = " + std::to_string(options.band_high_hz));
  }
}

}  // namespace

VoxelAlff voxel_alff(const Eigen::MatrixXd& voxel_values, double repetition_time_seconds,
                     const AlffOptions& options) {
  check_inputs(repetition_time_seconds, options);
  const Eigen::Index volumes = voxel_values.rows();
  const Eigen::Index voxels = voxel_values.cols();
  VoxelAlff out{Eigen::VectorXd::Constant(voxels, kNan), Eigen::VectorXd::Constant(voxels, kNan)};
  if (volumes < 2 || voxels == 0) return out;
  const Eigen::VectorXd frequencies = periodogram_frequencies(volumes, repetition_time_seconds);
  const Eigen::Index lo = closest_bin(frequencies, options.band_low_hz);
  const Eigen::Index hi = closest_bin(frequencies, options.band_high_hz);
  if (hi <= lo) return out;
  const Eigen::RowVectorXd means = voxel_values.colwise().mean();
  const Eigen::MatrixXd demeaned = voxel_values.rowwise() - means;
  const Eigen::MatrixXd amplitude = amplitude_spectrum(demeaned);
  for (Eigen::Index v = 0; v < voxels; ++v) {
    if (!demeaned.col(v).allFinite()) continue;
    const bool constant = (voxel_values.col(v).array() == voxel_values(0, v)).all();
    if (constant) {
      out.alff(v) = 0.0;
      continue;
    }
    const double band_sum = amplitude.col(v).segment(lo, hi - lo).sum();
    const double total_sum = amplitude.col(v).tail(amplitude.rows() - 1).sum();
    out.alff(v) = 2.0 * band_sum / static_cast<double>(hi - lo);
    if (total_sum > 0.0) out.falff(v) = band_sum / total_sum;
  }
  return out;
}

AlffResult roi_alff(const Eigen::MatrixXd& voxel_values, double repetition_time_seconds,
                    const AlffOptions& options) {
  const VoxelAlff per_voxel = voxel_alff(voxel_values, repetition_time_seconds, options);
  AlffResult result;
  double alff_sum = 0.0, falff_sum = 0.0;
  for (Eigen::Index v = 0; v < per_voxel.alff.size(); ++v) {
    if (std::isfinite(per_voxel.alff(v))) {
      alff_sum += per_voxel.alff(v);
      ++result.voxel_count;
    }
    if (std::isfinite(per_voxel.falff(v))) {
      falff_sum += per_voxel.falff(v);
      ++result.falff_voxel_count;
    }
  }
  result.alff = result.voxel_count > 0 ? alff_sum / result.voxel_count : kNan;
  result.falff = result.falff_voxel_count > 0 ? falff_sum / result.falff_voxel_count : kNan;
  if (voxel_values.cols() == 0) {
    result.nan_reason = "ROI has no usable voxels";
  } else if (voxel_values.rows() < 2) {
    result.nan_reason = "fewer than 2 volumes";
  } else if (result.voxel_count == 0) {
    result.nan_reason = "frequency band contains no periodogram bins or no finite voxel series";
  } else if (result.falff_voxel_count == 0) {
    result.nan_reason = "all voxel series are constant (fALFF undefined)";
  }
  return result;
}

double normalised_alff(double roi_alff_value, double brain_mean_alff) {
  if (!std::isfinite(brain_mean_alff) || !(brain_mean_alff > 0.0)) return kNan;
  return roi_alff_value / brain_mean_alff;
}

}  // namespace acuroi::measures
