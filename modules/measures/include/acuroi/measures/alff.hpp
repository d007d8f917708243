// ALFF, fALFF and mALFF of one ROI, computed voxelwise from the ROI's voxel series and averaged.
//
// Definition (XCP-D `xcp_d.utils.restingstate.compute_alff`, uncensored branch): per voxel, the
// series is demeaned; its one-sided periodogram P_k (scipy.signal.periodogram, boxcar window,
// scaling="spectrum", nfft = T) is taken at f_k = k / (T * TR), k = 0..T/2; amplitude a_k =
// sqrt(P_k) (computed by a real FFT). With i_lo = argmin_k |f_k - band_low_hz| and
// i_hi = argmin_k |f_k - band_high_hz| (first minimum),
//   ALFF  = 2 * mean(a_k, i_lo <= k < i_hi)          (XCP-D's factor 2 and half-open range)
//   fALFF = sum(a_k, i_lo <= k < i_hi) / sum(a_k, 1 <= k <= T/2)   (C-PAC: band / all, DC excluded)
// XCP-D z-scores then rescales by the SD; that cancels exactly, so ALFF is in BOLD units.
// A constant voxel has ALFF 0 (as XCP-D) and no fALFF (excluded from the fALFF mean).
// ROI value = mean over voxels. mALFF = ROI ALFF / brain-mean ALFF (brain mean is an input).
// Expected failures (no voxels, empty band) give NaN with `nan_reason`, not exceptions.
//
//   AlffResult a = roi_alff(voxel_values /* T x V */, 2.0 /* TR s */, AlffOptions{});
//   double m = normalised_alff(a.alff, brain_mean_alff);
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>

namespace acuroi::measures {

struct AlffOptions {
  double band_low_hz = 0.01;
  double band_high_hz = 0.08;
};

struct VoxelAlff {
  Eigen::VectorXd alff;   // V
  Eigen::VectorXd falff;  // V; NaN for constant voxels
};

struct AlffResult {
  double alff = 0.0;
  double falff = 0.0;
  std::int64_t voxel_count = 0;        // voxels averaged for ALFF
  std::int64_t falff_voxel_count = 0;  // non-constant voxels averaged for fALFF
  std::string nan_reason;              // "" = valid
};

// Throws core::InputError for a non-positive TR or band_low_hz >= band_high_hz.
VoxelAlff voxel_alff(const Eigen::MatrixXd& voxel_values, double repetition_time_seconds,
                     const AlffOptions& options = {});

AlffResult roi_alff(const Eigen::MatrixXd& voxel_values, double repetition_time_seconds,
                    const AlffOptions& options = {});

// The ROI value of per-voxel results (mean over voxels with a value, as roi_alff), for callers
// that compute voxels in blocks or share voxels between ROIs. `volumes` = the series' length.
AlffResult summarise_alff(const VoxelAlff& per_voxel, Eigen::Index volumes);

// mALFF: ALFF divided by the brain-mean ALFF; NaN when the brain mean is not positive/finite.
double normalised_alff(double roi_alff_value, double brain_mean_alff);

}  // namespace acuroi::measures
