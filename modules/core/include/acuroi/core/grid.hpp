// The voxel grid of an image: its size and its voxel-to-world transform.
//
// Convention: `affine` maps a voxel index (i, j, k, 1) to world coordinates (x, y, z, 1) in
// millimetres, RAS+ (x to the Right, y Anterior, z Superior), as NIfTI's sform/qform and nibabel
// do. Voxel (i, j, k) lives at linear offset i + nx * (j + ny * k) (NIfTI order, i fastest).
//
//   Grid g{{91, 109, 91}, affine};
//   Eigen::Vector3d mm = g.world_of({45, 63, 36});
//   Eigen::Vector3d ijk = g.index_of(mm);   // continuous index; round for nearest neighbour
#pragma once
#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <string>

namespace acuroi::core {

struct Grid {
  std::array<std::int64_t, 3> dims{0, 0, 0};
  Eigen::Matrix4d affine = Eigen::Matrix4d::Identity();

  std::int64_t voxel_count() const { return dims[0] * dims[1] * dims[2]; }
  std::int64_t linear_index(std::int64_t i, std::int64_t j, std::int64_t k) const {
    return i + dims[0] * (j + dims[1] * k);
  }
  Eigen::Vector3d world_of(const Eigen::Vector3d& ijk) const;
  Eigen::Vector3d index_of(const Eigen::Vector3d& xyz_mm) const;
  // Voxel edge lengths in mm (column norms of the affine's linear part).
  Eigen::Vector3d voxel_size_mm() const;
  double voxel_volume_mm3() const;
  // Same dims and affines equal within `tolerance_mm` (translation) and relative 1e-6 (linear part).
  bool same_as(const Grid& other, double tolerance_mm = 1e-3) const;
  // "91x109x91, affine [[...]]" for error messages that show both grids.
  std::string describe() const;
};

}  // namespace acuroi::core
