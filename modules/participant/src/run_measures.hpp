// Private: the measures of one run as rows of a long table (store::MeasureTable), from its raw and
// denoised ROI series, its ROI-voxel series and its events.
//
// What each measure is computed on (docs: modules/store/SCHEMA.md, README "Measures"):
//   mean, sd, tsnr          raw ROI series, kept (uncensored) volumes
//   fc (fc_z, fc_within_z)  denoised ROI series (confounds + drift + band-pass), kept volumes
//   fc_partial_z            the same, ROIs that are not unions of other ROIs
//   alff, falff, malff      voxel series with confounds and drift regressed out but NOT
//                           band-passed (the periodogram needs the whole spectrum), censored
//                           volumes filled by linear interpolation; averaged over ROI voxels
//   reho                    denoised voxel series (as FC), kept volumes
//   task_*                  raw ROI series, kept volumes, task design + confounds (task_glm.hpp)
#pragma once
#include <vector>

#include "acuroi/config/measure_settings.hpp"
#include "acuroi/store/measure_table.hpp"
#include "acuroi/store/participant_record.hpp"
#include "run_denoise.hpp"
#include "run_record.hpp"

namespace acuroi::participant {

struct RunMeasureInputs {
  const config::MeasureSettings& settings;
  const std::vector<store::RoiDefinitionRecord>& rois;
  const std::vector<std::vector<int>>& union_members;  // per ROI: member ROI indices (unions)
  const ExtractedRun& extracted;
  const DenoisedRun& denoised;
};

// Rows of the resting-state measures; an excluded run gives the same rows, NaN, with its reason.
// Also stores `measures/fc_r` and `measures/fc_z` ([R x R]) in `run`.
store::MeasureTable rest_measures(const RunMeasureInputs& in, store::RunRecord& run);

}  // namespace acuroi::participant
