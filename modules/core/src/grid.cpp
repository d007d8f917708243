#include "acuroi/core/grid.hpp"

#include <cmath>
#include <sstream>

namespace acuroi::core {

Eigen::Vector3d Grid::world_of(const Eigen::Vector3d& ijk) const {
  return affine.topLeftCorner<3, 3>() * ijk + affine.topRightCorner<3, 1>();
}

Eigen::Vector3d Grid::index_of(const Eigen::Vector3d& xyz_mm) const {
  return affine.topLeftCorner<3, 3>().inverse() * (xyz_mm - affine.topRightCorner<3, 1>());
}

Eigen::Vector3d Grid::voxel_size_mm() const {
  return affine.topLeftCorner<3, 3>().colwise().norm().transpose();
}

double Grid::voxel_volume_mm3() const {
  return std::abs(affine.topLeftCorner<3, 3>().determinant());
}

bool Grid::same_as(const Grid& other, double tolerance_mm) const {
  if (dims != other.dims) return false;
  const Eigen::Matrix3d a = affine.topLeftCorner<3, 3>(), b = other.affine.topLeftCorner<3, 3>();
  if ((a - b).cwiseAbs().maxCoeff() > 1e-6 * std::max(1.0, a.cwiseAbs().maxCoeff())) return false;
  return (affine.topRightCorner<3, 1>() - other.affine.topRightCorner<3, 1>()).cwiseAbs().maxCoeff() <=
         tolerance_mm;
}

std::string Grid::describe() const {
  std::ostringstream s;
  s << dims[0] << "x" << dims[1] << "x" << dims[2] << ", affine [";
  for (int r = 0; r < 3; ++r) {
    s << (r ? ", [" : "[");
    for (int c = 0; c < 4; ++c) s << (c ? ", " : "") << affine(r, c);
    s << "]";
  }
  s << "]";
  return s.str();
}

}  // namespace acuroi::core
