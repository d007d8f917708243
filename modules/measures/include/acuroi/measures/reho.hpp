// Regional homogeneity (ReHo): Kendall's coefficient of concordance W of each ROI voxel's time
// series with its neighbours', averaged over the ROI's voxels.
//
// Neighbourhood: the voxel itself plus its 6 face (7), 6 face + 12 edge (19) or all 26 (27,
// default, as C-PAC/XCP-D/AFNI 3dReHo) neighbours — restricted to voxels that are themselves in
// the ROI's usable voxel set (AFNI 3dReHo -mask / C-PAC restrict the neighbourhood to the mask).
// Voxel positions come from linear indices on the grid, i + nx * (j + ny * k) (NIfTI order).
// Per voxel, with m series (neighbourhood size) ranked over n time points (average ranks for ties),
// R_t = sum of ranks at t, S = sum_t (R_t - m(n+1)/2)^2:
//   W = 12 S / (m^2 (n^3 - n) - m * sum_j sum_g (t_g^3 - t_g))    (tie-corrected, Kendall 1948)
// where t_g are the sizes of the tie groups of series j. `tie_correction = false` drops the last
// term, which is XCP-D's `compute_2d_reho` / C-PAC's formula. A voxel with m < 2 or a zero
// denominator has no W; the ROI value is the mean over voxels that have one, NaN (with
// `nan_reason`) when none does.
//
//   ReHoResult h = roi_reho(voxel_values /* T x V */, voxel_indices, grid.dims, ReHoOptions{});
#pragma once
#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace acuroi::measures {

enum class ReHoNeighbourhood { faces_7 = 7, faces_edges_19 = 19, cube_27 = 27 };

struct ReHoOptions {
  ReHoNeighbourhood neighbourhood = ReHoNeighbourhood::cube_27;
  bool tie_correction = true;
};

struct ReHoResult {
  double reho = 0.0;
  std::int64_t voxels_used = 0;     // voxels with a defined W
  std::int64_t voxels_skipped = 0;  // voxels without (isolated, constant)
  std::string nan_reason;           // "" = valid
};

// Per-voxel W (NaN where undefined). Throws core::InputError when voxel_indices.size() !=
// voxel_values.cols() or an index lies outside the grid.
Eigen::VectorXd voxel_reho(const Eigen::MatrixXd& voxel_values,
                           const std::vector<std::int64_t>& voxel_indices,
                           const std::array<std::int64_t, 3>& grid_dims,
                           const ReHoOptions& options = {});

ReHoResult roi_reho(const Eigen::MatrixXd& voxel_values,
                    const std::vector<std::int64_t>& voxel_indices,
                    const std::array<std::int64_t, 3>& grid_dims, const ReHoOptions& options = {});

}  // namespace acuroi::measures
