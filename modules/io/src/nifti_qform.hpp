// Private to io: NIfTI qform quaternion math and the fallback affine, as nibabel computes them.
//
//   quaternion -> matrix: nibabel Nifti1Header.get_qform (fillpositive + quat2mat, qfac on z)
//   matrix -> quaternion: nibabel Nifti1Header.set_qform (zooms = column norms, qfac from the
//                         determinant, polar decomposition via SVD, mat2quat via eigenvectors)
//   base affine:          nibabel shape_zoom_affine (x flipped, origin at the image centre)
//
//   std::optional<Eigen::Matrix4d> a = qform_affine(q, 3 * float_eps);
//   QformParameters q = qform_from_affine(grid.affine);
#pragma once
#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <optional>

namespace acuroi::io::detail {

struct QformParameters {
  double quatern_b = 0, quatern_c = 0, quatern_d = 0;
  double qfac = 1;                        // pixdim[0]: 1 or -1
  std::array<double, 3> zooms{1, 1, 1};   // pixdim[1..3], positive
  std::array<double, 3> offset{0, 0, 0};  // qoffset_x, y, z
};

// The qform affine; nullopt if 1 - (b² + c² + d²) < -w2_tolerance (not a unit quaternion).
std::optional<Eigen::Matrix4d> qform_affine(const QformParameters& q, double w2_tolerance);

// The qform that best represents `affine` (shears stripped, as nibabel does).
QformParameters qform_from_affine(const Eigen::Matrix4d& affine);

// nibabel's get_base_affine: diag(-zx, zy, zz) with the origin at the centre of the first
// three dimensions (missing dimensions count as size 1, zoom 1).
Eigen::Matrix4d base_affine(int ndim, const std::array<std::int64_t, 3>& dims,
                            const std::array<double, 3>& zooms);

}  // namespace acuroi::io::detail
