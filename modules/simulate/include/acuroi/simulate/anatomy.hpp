// The simulated brain on the output grid: brain mask, tissue fractions and region labels, built
// from the Colin27 / AAL templates of mricron-data (1 mm RAS grid) and mapped to the output grid
// (FSL MNI152 LAS) in WORLD coordinates with roi::for_each_nearest_source_voxel.
//
// On the 1 mm template grid:
//   brain     = ch2bet > 0
//   GM        = AAL label > 0 inside the brain, as a 0/1 indicator, smoothed (FWHM = max(model
//               smoothing, output voxel size)) -> partial-volume GM probability
//   WM share  = smoothed ch2bet intensity mapped linearly from 40 (CSF) to 105 (WM), clamped 0..1
// On the output grid (nearest source voxel): brain mask, GM probability, WM share, AAL label.
// A participant's tissue: GM = min(1, GM x gm_scale x region_gm_scale), WM = (1 - GM) x WM share,
// CSF = (1 - GM) x (1 - WM share), stored as float32 (as written to the probseg files); the
// white_matter / csf masks are WM >= wm_mask_threshold and CSF >= csf_mask_threshold (in the
// brain).
//
//   TemplateAnatomy anatomy = build_template_anatomy("/usr/share/mricron/templates", 4, model);
//   ParticipantTissue tissue = participant_tissue(anatomy, plan[0], model);
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "acuroi/core/grid.hpp"
#include "acuroi/simulate/plan.hpp"
#include "acuroi/simulate/settings.hpp"

namespace acuroi::simulate {

struct TemplateAnatomy {
  core::Grid grid;
  std::vector<std::int64_t> mask_voxels;  // linear indices of brain voxels, ascending
  // Per brain voxel (same order as mask_voxels):
  std::vector<float> gm_probability;             // template GM probability, 0..1
  std::vector<float> wm_share;                   // share of non-GM tissue that is WM, 0..1
  std::vector<std::int16_t> aal_label;           // AAL label, 0 = none
  std::vector<std::int8_t> region;               // index into simulated_regions(), -1 = none
  std::vector<std::int64_t> region_voxel_count;  // per simulated_regions()
  int max_aal_label = 0;
  double smoothing_fwhm_mm = 0.0;
};

// Reads aal.nii.gz and ch2bet.nii.gz from `templates_dir`. Throws core::InputError if they are
// missing or not on the same grid; core::InputError if a simulated region has no voxel.
TemplateAnatomy build_template_anatomy(const std::filesystem::path& templates_dir,
                                       int resolution_mm, const SignalModel& model);

struct ParticipantTissue {
  // Per brain voxel, float32 as written to the label-GM/WM/CSF probseg files.
  std::vector<float> gm, wm, csf;
  std::vector<std::int32_t> wm_voxels, csf_voxels;  // positions in mask_voxels, ascending
};

ParticipantTissue participant_tissue(const TemplateAnatomy& anatomy, const ParticipantPlan& plan,
                                     const SignalModel& model);

}  // namespace acuroi::simulate
