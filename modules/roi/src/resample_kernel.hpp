// Internal: the nearest-neighbour visitor of resample.hpp as an inlinable template (the public
// std::function version wraps it). Rule and conventions: see acuroi/roi/resample.hpp.
#pragma once
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "acuroi/core/grid.hpp"
#include "acuroi/core/volume.hpp"

namespace acuroi::roi::detail {

// Nearest source index along one axis, or -1 outside [0, n - 1] (scipy mode='constant').
// Inside, c + 0.5 >= 0.5 > 0, so truncation is floor(c + 0.5).
inline std::int64_t nearest_on_axis(double c, std::int64_t n) {
  if (!(c >= 0.0) || c > static_cast<double>(n - 1)) return -1;  // also rejects NaN
  return static_cast<std::int64_t>(c + 0.5);
}

// A finite label value rounded to the nearest integer, halves away from zero (as std::lround),
// clamped to the int32 range.
inline std::int32_t round_label(float value) {
  const double v = value;  // exact; v +- 0.5 is exact in double for any float label
  const double rounded = v >= 0 ? v + 0.5 : v - 0.5;
  if (rounded >= 2147483647.0) return 2147483647;
  if (rounded <= -2147483648.0) return -2147483647 - 1;
  return static_cast<std::int32_t>(rounded);
}

// Calls visit_row(first_target_index, sources) once per target row (fixed j, k; i = 0..nx-1),
// where sources[i] is the source linear index of voxel i of the row, or -1 outside. Rows let
// callers prefetch a row's source voxels before reading them (the reads of a row are independent
// cache misses, and an atlas row seen through a flipped or oblique grid defeats the hardware
// prefetcher).
template <class VisitRow>
void visit_nearest_source_rows(const core::Grid& source, const core::Grid& target,
                               VisitRow&& visit_row) {
  // target voxel -> source continuous index, as nibabel does: inv(source) · target.
  const Eigen::Matrix4d m = source.affine.inverse() * target.affine;
  const auto [nx, ny, nz] = target.dims;
  const auto [sx, sy, sz] = source.dims;
  std::vector<std::int64_t> sources(static_cast<std::size_t>(nx));
  std::int64_t first_target_index = 0;
  for (std::int64_t k = 0; k < nz; ++k) {
    for (std::int64_t j = 0; j < ny; ++j, first_target_index += nx) {
      const double dj = static_cast<double>(j), dk = static_cast<double>(k);
      for (std::int64_t i = 0; i < nx; ++i) {
        // Each coordinate computed afresh (no running sums), so no drift along a row.
        const double di = static_cast<double>(i);
        const double cx = m(0, 0) * di + m(0, 1) * dj + m(0, 2) * dk + m(0, 3);
        const double cy = m(1, 0) * di + m(1, 1) * dj + m(1, 2) * dk + m(1, 3);
        const double cz = m(2, 0) * di + m(2, 1) * dj + m(2, 2) * dk + m(2, 3);
        const std::int64_t si = nearest_on_axis(cx, sx);
        const std::int64_t sj = nearest_on_axis(cy, sy);
        const std::int64_t sk = nearest_on_axis(cz, sz);
        const bool inside = si >= 0 && sj >= 0 && sk >= 0;
        sources[static_cast<std::size_t>(i)] = inside ? si + sx * (sj + sy * sk) : -1;
      }
      visit_row(first_target_index, std::span<const std::int64_t>(sources));
    }
  }
}

// Per row: prefetch the source values, then visit(target_index, source_index) voxel by voxel.
template <class T, class Visit>
void visit_nearest_source_voxels(const core::Volume<T>& source, const core::Grid& target,
                                 Visit&& visit) {
  const T* data = source.data.data();
  visit_nearest_source_rows(source.grid, target,
                            [&](std::int64_t first, std::span<const std::int64_t> sources) {
                              for (std::int64_t s : sources) {
                                if (s >= 0) __builtin_prefetch(data + s);
                              }
                              for (std::size_t i = 0; i < sources.size(); ++i) {
                                visit(first + static_cast<std::int64_t>(i), sources[i]);
                              }
                            });
}

}  // namespace acuroi::roi::detail
