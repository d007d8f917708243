#include "acuroi/measures/grey_matter.hpp"

#include <cmath>
#include <limits>

#include "acuroi/core/error.hpp"

namespace acuroi::measures {
namespace {

double probability_or_zero(float value) { return std::isfinite(value) ? value : 0.0; }

}  // namespace

GreyMatterVolume roi_grey_matter(const core::Volume<float>& gm_probability,
                                 const std::vector<std::int64_t>& roi_voxel_indices) {
  const auto voxels = static_cast<std::int64_t>(gm_probability.data.size());
  GreyMatterVolume result;
  double probability_sum = 0.0;
  for (const std::int64_t index : roi_voxel_indices) {
    if (index < 0 || index >= voxels) {
      throw core::InputError(
          "(grey-matter input)", "roi voxel index", std::to_string(index),
          "outside the probability map of " + std::to_string(voxels) + " voxels");
    }
    probability_sum += probability_or_zero(gm_probability.data[static_cast<std::size_t>(index)]);
  }
  result.voxel_count = static_cast<std::int64_t>(roi_voxel_indices.size());
  result.volume_ml = probability_sum * gm_probability.grid.voxel_volume_mm3() / 1000.0;
  if (result.voxel_count == 0) {
    result.mean_probability = std::numeric_limits<double>::quiet_NaN();
    result.nan_reason = "ROI has no voxels on the grey-matter map";
  } else {
    result.mean_probability = probability_sum / static_cast<double>(result.voxel_count);
  }
  return result;
}

double total_grey_matter_ml(const core::Volume<float>& gm_probability,
                            const core::Volume<float>& brain_mask) {
  if (!gm_probability.grid.same_as(brain_mask.grid) ||
      gm_probability.data.size() != brain_mask.data.size()) {
    throw core::InputError(
        "(grey-matter input)", "brain mask grid", brain_mask.grid.describe(),
        "differs from the grey-matter map grid " + gm_probability.grid.describe());
  }
  double probability_sum = 0.0;
  for (std::size_t v = 0; v < gm_probability.data.size(); ++v) {
    if (brain_mask.data[v] > 0.0f) probability_sum += probability_or_zero(gm_probability.data[v]);
  }
  return probability_sum * gm_probability.grid.voxel_volume_mm3() / 1000.0;
}

}  // namespace acuroi::measures
