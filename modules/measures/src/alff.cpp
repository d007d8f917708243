#include "acuroi/measures/alff.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include <complex>
#include <vector>

#include <unsupported/Eigen/FFT>

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

// One-sided amplitude spectrum sqrt(P_k), k = 0..T/2, of one demeaned series, by a real FFT
// (Eigen's kissfft backend): P_k = |X_k|^2 / T^2, doubled except at DC and (even T) Nyquist.
class AmplitudeSpectrum {
 public:
  explicit AmplitudeSpectrum(Eigen::Index volumes)
      : volumes_(volumes), input_(static_cast<std::size_t>(volumes)) {
    fft_.SetFlag(Eigen::FFT<double>::HalfSpectrum);
  }
  // `amplitude` must have T/2 + 1 entries.
  void compute(const Eigen::Ref<const Eigen::VectorXd>& demeaned, Eigen::Ref<Eigen::VectorXd> amplitude) {
    for (Eigen::Index t = 0; t < volumes_; ++t) input_[static_cast<std::size_t>(t)] = demeaned(t);
    fft_.fwd(output_, input_);
    const Eigen::Index bins = volumes_ / 2 + 1;
    const Eigen::Index last_doubled = (volumes_ % 2 == 0) ? bins - 2 : bins - 1;
    const double scale = 1.0 / static_cast<double>(volumes_);
    for (Eigen::Index k = 0; k < bins; ++k) {
      const double a = std::sqrt(std::norm(output_[static_cast<std::size_t>(k)])) * scale;
      amplitude(k) = (k >= 1 && k <= last_doubled) ? a * std::numbers::sqrt2 : a;
    }
  }

 private:
  Eigen::Index volumes_;
  Eigen::FFT<double> fft_;
  std::vector<double> input_;
  std::vector<std::complex<double>> output_;
};

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
  AmplitudeSpectrum spectrum(volumes);
  Eigen::VectorXd demeaned(volumes), amplitude(volumes / 2 + 1);
  for (Eigen::Index v = 0; v < voxels; ++v) {
    const auto series = voxel_values.col(v);
    if (!series.allFinite()) continue;
    if ((series.array() == series(0)).all()) {  // constant: no fluctuation, no fALFF
      out.alff(v) = 0.0;
      continue;
    }
    demeaned = series.array() - series.mean();
    spectrum.compute(demeaned, amplitude);
    const double band_sum = amplitude.segment(lo, hi - lo).sum();
    const double total_sum = amplitude.tail(amplitude.size() - 1).sum();
    out.alff(v) = 2.0 * band_sum / static_cast<double>(hi - lo);
    if (total_sum > 0.0) out.falff(v) = band_sum / total_sum;
  }
  return out;
}

AlffResult roi_alff(const Eigen::MatrixXd& voxel_values, double repetition_time_seconds,
                    const AlffOptions& options) {
  return summarise_alff(voxel_alff(voxel_values, repetition_time_seconds, options),
                        voxel_values.rows());
}

AlffResult summarise_alff(const VoxelAlff& per_voxel, Eigen::Index volumes) {
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
  if (per_voxel.alff.size() == 0) {
    result.nan_reason = "ROI has no usable voxels";
  } else if (volumes < 2) {
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
