// Nearest-neighbour resampling of label and mask images onto another grid, in world space.
//
// For every target voxel centre (i, j, k): world = target.affine · (i, j, k, 1) (RAS mm), then
// source index c = inverse(source.affine) · world (continuous). Never index to index: AAL is RAS,
// Harvard-Oxford is LAS, BOLD grids may be oblique; only the world position matters.
//
// Rounding and bounds follow scipy.ndimage.affine_transform / map_coordinates(order=0,
// mode='constant', cval=0), which nibabel.processing.resample_from_to and nilearn's resample_img
// use, so our label volumes equal theirs voxel for voxel:
//   * a target voxel is inside the source iff 0 <= c <= n - 1 on every axis (voxel CENTRES span
//     the domain; a point 0.4 voxel beyond the first/last centre is outside, value 0);
//   * inside, the source voxel is floor(c + 0.5) per axis (ties round half up, towards +inf).
// Label values are rounded to the nearest integer (NaN -> 0); a mask voxel is 1 when its source
// value is nonzero and finite (NaN -> 0), else 0.
//
//   core::Volume<float> aal = io::read_nifti_volume("aal.nii.gz");
//   core::Volume<std::int32_t> labels = resample_labels_nearest(aal, bold.grid());
//   core::Volume<std::uint8_t> mask = resample_mask_nearest(roi_mask, bold.grid());
#pragma once
#include <cstdint>
#include <functional>

#include "acuroi/core/grid.hpp"
#include "acuroi/core/volume.hpp"

namespace acuroi::roi {

core::Volume<std::int32_t> resample_labels_nearest(const core::Volume<float>& labels,
                                                   const core::Grid& target);

core::Volume<std::uint8_t> resample_mask_nearest(const core::Volume<float>& mask,
                                                 const core::Grid& target);

// The rule above as a visitor: calls visit(target_linear_index, source_linear_index) for every
// target voxel in NIfTI order, with source_linear_index = -1 when the centre falls outside.
void for_each_nearest_source_voxel(
    const core::Grid& source, const core::Grid& target,
    const std::function<void(std::int64_t target_index, std::int64_t source_index)>& visit);

}  // namespace acuroi::roi
