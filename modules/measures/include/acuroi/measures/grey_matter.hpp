// Structural covariates from a grey-matter probability map (fMRIPrep's *_label-GM_probseg).
//
// ROI GM volume (mL) = sum over ROI voxels of probability * voxel volume (mm^3) / 1000;
// mean GM probability = mean over the ROI voxels; whole-brain GM total (mL) = the same sum over the
// voxels where the brain mask is > 0. Non-finite probabilities count as 0 (outside the field of
// view). The ROI voxels are linear indices on the probability map's grid (i + nx * (j + ny * k)).
//
//   GreyMatterVolume g = roi_grey_matter(gm_probseg, roi_voxel_indices);
//   double total_ml = total_grey_matter_ml(gm_probseg, brain_mask);
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "acuroi/core/volume.hpp"

namespace acuroi::measures {

struct GreyMatterVolume {
  double volume_ml = 0.0;
  double mean_probability = 0.0;  // NaN for an empty ROI
  std::int64_t voxel_count = 0;
  std::string nan_reason;  // "" = valid
};

// Throws core::InputError for an index outside the map.
GreyMatterVolume roi_grey_matter(const core::Volume<float>& gm_probability,
                                 const std::vector<std::int64_t>& roi_voxel_indices);

// Throws core::InputError when the mask's grid differs from the map's.
double total_grey_matter_ml(const core::Volume<float>& gm_probability,
                            const core::Volume<float>& brain_mask);

}  // namespace acuroi::measures
