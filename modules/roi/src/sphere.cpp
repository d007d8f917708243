#include <algorithm>
#include <cmath>

#include "acuroi/roi/roi_map.hpp"

namespace acuroi::roi {

std::vector<std::int64_t> sphere_voxel_indices(const core::Grid& grid,
                                               const Eigen::Vector3d& centre_mm, double radius_mm) {
  std::vector<std::int64_t> voxels;
  if (!(radius_mm >= 0) || grid.voxel_count() == 0) return voxels;
  // Index-space bounding box of the cube around the sphere (its 8 corners), one voxel of margin.
  Eigen::Vector3d low = Eigen::Vector3d::Constant(1e300), high = Eigen::Vector3d::Constant(-1e300);
  for (int corner = 0; corner < 8; ++corner) {
    const Eigen::Vector3d offset((corner & 1) ? radius_mm : -radius_mm,
                                 (corner & 2) ? radius_mm : -radius_mm,
                                 (corner & 4) ? radius_mm : -radius_mm);
    const Eigen::Vector3d ijk = grid.index_of(centre_mm + offset);
    low = low.cwiseMin(ijk);
    high = high.cwiseMax(ijk);
  }
  std::array<std::int64_t, 3> first{}, last{};
  for (int axis = 0; axis < 3; ++axis) {
    const double lo = std::floor(low[axis]) - 1, hi = std::ceil(high[axis]) + 1;
    first[axis] = static_cast<std::int64_t>(std::max(0.0, lo));
    last[axis] = static_cast<std::int64_t>(std::min(static_cast<double>(grid.dims[axis] - 1), hi));
    if (first[axis] > last[axis]) return voxels;
  }
  const double radius_squared = radius_mm * radius_mm;
  // k outermost, i innermost: the indices come out sorted.
  for (std::int64_t k = first[2]; k <= last[2]; ++k) {
    for (std::int64_t j = first[1]; j <= last[1]; ++j) {
      for (std::int64_t i = first[0]; i <= last[0]; ++i) {
        const Eigen::Vector3d xyz = grid.world_of(Eigen::Vector3d(double(i), double(j), double(k)));
        if ((xyz - centre_mm).squaredNorm() <= radius_squared) {
          voxels.push_back(grid.linear_index(i, j, k));
        }
      }
    }
  }
  return voxels;
}

}  // namespace acuroi::roi
