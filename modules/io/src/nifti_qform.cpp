#include "nifti_qform.hpp"

#include <cmath>
#include <limits>

namespace acuroi::io::detail {

std::optional<Eigen::Matrix4d> qform_affine(const QformParameters& q, double w2_tolerance) {
  // Extended precision, as nibabel's fillpositive/quat2mat use np.longdouble.
  using real = long double;
  const real x = q.quatern_b, y = q.quatern_c, z = q.quatern_d;
  const real w2 = 1.0L - (x * x + y * y + z * z);
  real w = 0;
  if (w2 < 0) {
    if (w2 < -static_cast<real>(w2_tolerance)) return std::nullopt;
  } else {
    w = std::sqrt(w2);
  }
  Eigen::Matrix<real, 3, 3> rotation = Eigen::Matrix<real, 3, 3>::Identity();
  const real norm2 = w * w + x * x + y * y + z * z;
  if (norm2 >= std::numeric_limits<double>::epsilon()) {
    const real s = 2.0L / norm2;
    const real X = x * s, Y = y * s, Z = z * s;
    const real wX = w * X, wY = w * Y, wZ = w * Z;
    const real xX = x * X, xY = x * Y, xZ = x * Z;
    const real yY = y * Y, yZ = y * Z, zZ = z * Z;
    rotation << 1.0L - (yY + zZ), xY - wZ, xZ + wY,  //
        xY + wZ, 1.0L - (xX + zZ), yZ - wX,          //
        xZ - wY, yZ + wX, 1.0L - (xX + yY);
  }
  const real zooms[3] = {q.zooms[0], q.zooms[1], q.zooms[2] * q.qfac};
  Eigen::Matrix4d affine = Eigen::Matrix4d::Identity();
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) affine(r, c) = static_cast<double>(rotation(r, c) * zooms[c]);
    affine(r, 3) = q.offset[r];
  }
  return affine;
}

namespace {
// nibabel's mat2quat: eigenvector of the largest eigenvalue of the symmetric matrix K.
Eigen::Vector4d quaternion_of_rotation(const Eigen::Matrix3d& m) {
  const double qxx = m(0, 0), qyx = m(0, 1), qzx = m(0, 2);
  const double qxy = m(1, 0), qyy = m(1, 1), qzy = m(1, 2);
  const double qxz = m(2, 0), qyz = m(2, 1), qzz = m(2, 2);
  Eigen::Matrix4d k = Eigen::Matrix4d::Zero();
  k(0, 0) = qxx - qyy - qzz;
  k(1, 0) = qyx + qxy;
  k(1, 1) = qyy - qxx - qzz;
  k(2, 0) = qzx + qxz;
  k(2, 1) = qzy + qyz;
  k(2, 2) = qzz - qxx - qyy;
  k(3, 0) = qyz - qzy;
  k(3, 1) = qzx - qxz;
  k(3, 2) = qxy - qyx;
  k(3, 3) = qxx + qyy + qzz;
  k /= 3.0;
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix4d> solver(k);  // uses the lower triangle
  Eigen::Index best = 0;
  solver.eigenvalues().maxCoeff(&best);
  const Eigen::Vector4d v = solver.eigenvectors().col(best);
  Eigen::Vector4d wxyz(v(3), v(0), v(1), v(2));
  if (wxyz(0) < 0) wxyz = -wxyz;
  return wxyz;
}
}  // namespace

QformParameters qform_from_affine(const Eigen::Matrix4d& affine) {
  QformParameters q;
  const Eigen::Matrix3d rzs = affine.topLeftCorner<3, 3>();
  Eigen::Matrix3d rotation = rzs;
  for (int c = 0; c < 3; ++c) {
    q.zooms[c] = rzs.col(c).norm();
    if (q.zooms[c] > 0) rotation.col(c) /= q.zooms[c];
  }
  if (rotation.determinant() > 0) {
    q.qfac = 1;
  } else {
    q.qfac = -1;
    rotation.col(2) *= -1;
  }
  // Closest orthogonal matrix (polar decomposition): U * V^T.
  const Eigen::JacobiSVD<Eigen::Matrix3d> svd(rotation, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const Eigen::Matrix3d orthogonal = svd.matrixU() * svd.matrixV().transpose();
  const Eigen::Vector4d wxyz = quaternion_of_rotation(orthogonal);
  q.quatern_b = wxyz(1);
  q.quatern_c = wxyz(2);
  q.quatern_d = wxyz(3);
  for (int r = 0; r < 3; ++r) q.offset[r] = affine(r, 3);
  return q;
}

Eigen::Matrix4d base_affine(int ndim, const std::array<std::int64_t, 3>& dims,
                            const std::array<double, 3>& zooms) {
  Eigen::Matrix4d affine = Eigen::Matrix4d::Identity();
  for (int axis = 0; axis < 3; ++axis) {
    const bool present = axis < ndim;
    const double size = present ? static_cast<double>(dims[axis]) : 1.0;
    double zoom = present ? zooms[axis] : 1.0;
    if (axis == 0) zoom = -zoom;
    affine(axis, axis) = zoom;
    affine(axis, 3) = -((size - 1.0) / 2.0) * zoom;
  }
  return affine;
}

}  // namespace acuroi::io::detail
