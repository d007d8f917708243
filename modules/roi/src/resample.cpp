#include "acuroi/roi/resample.hpp"

#include <cmath>

#include "resample_kernel.hpp"

namespace acuroi::roi {

void for_each_nearest_source_voxel(
    const core::Grid& source, const core::Grid& target,
    const std::function<void(std::int64_t target_index, std::int64_t source_index)>& visit) {
  detail::visit_nearest_source_rows(source, target,
                                    [&](std::int64_t first, std::span<const std::int64_t> sources) {
                                      for (std::size_t i = 0; i < sources.size(); ++i) {
                                        visit(first + static_cast<std::int64_t>(i), sources[i]);
                                      }
                                    });
}

core::Volume<std::int32_t> resample_labels_nearest(const core::Volume<float>& labels,
                                                   const core::Grid& target) {
  core::Volume<std::int32_t> out{target, std::vector<std::int32_t>(target.voxel_count(), 0)};
  detail::visit_nearest_source_voxels(labels, target, [&](std::int64_t t, std::int64_t s) {
    if (s < 0) return;
    const float value = labels.data[s];
    if (value != 0.0f && std::isfinite(value)) out.data[t] = detail::round_label(value);
  });
  return out;
}

core::Volume<std::uint8_t> resample_mask_nearest(const core::Volume<float>& mask,
                                                 const core::Grid& target) {
  core::Volume<std::uint8_t> out{target, std::vector<std::uint8_t>(target.voxel_count(), 0)};
  detail::visit_nearest_source_voxels(mask, target, [&](std::int64_t t, std::int64_t s) {
    if (s < 0) return;
    const float value = mask.data[s];
    out.data[t] = (std::isfinite(value) && value != 0.0f) ? 1 : 0;
  });
  return out;
}

}  // namespace acuroi::roi
