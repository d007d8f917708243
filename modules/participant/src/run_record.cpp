#include "run_record.hpp"

#include <cmath>

#include "acuroi/core/hash.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/io/json.hpp"
#include "acuroi/io/nifti.hpp"

namespace acuroi::participant {

namespace {
// The sidecar's RepetitionTime wins over the header's pixdim[4] (fMRIPrep writes both; the
// header's units are sometimes wrong); a disagreement is logged.
double repetition_time(const io::RunFiles& files, double header_tr) {
  if (!files.sidecar_json) return header_tr;
  const auto sidecar = io::read_json(*files.sidecar_json);
  if (!sidecar.contains("RepetitionTime") || !sidecar["RepetitionTime"].is_number()) return header_tr;
  const double tr = sidecar["RepetitionTime"].get<double>();
  if (header_tr > 0 && std::abs(tr - header_tr) > 1e-3)
    core::log_warning(files.sidecar_json->string(), ": RepetitionTime = ", tr,
                      " differs from the BOLD header's ", header_tr, "; using the sidecar");
  return tr;
}

// mALFF's brain mean is estimated on every second voxel along each axis of the brain mask (1 in
// 8 voxels): the same mean in expectation, an eighth of the memory and time of the whole brain.
std::vector<std::int64_t> brain_sample_voxels(const core::Volume<float>& mask) {
  const auto& dims = mask.grid.dims;
  std::vector<std::int64_t> voxels;
  for (std::int64_t k = 0; k < dims[2]; k += 2)
    for (std::int64_t j = 0; j < dims[1]; j += 2)
      for (std::int64_t i = 0; i < dims[0]; i += 2) {
        const std::int64_t at = i + dims[0] * (j + dims[1] * k);
        const float v = mask.data[static_cast<std::size_t>(at)];
        if (std::isfinite(v) && v != 0.0f) voxels.push_back(at);
      }
  return voxels;
}

constexpr const char* kBrainSampleName = "acuroi-brain-sample";
}  // namespace

ExtractionNeeds extraction_needs(const config::MeasureSettings& measures) {
  ExtractionNeeds needs;
  for (const char* m : {"alff", "falff", "malff", "reho"})
    needs.roi_voxels = needs.roi_voxels || config::computes(measures, m);
  needs.brain_sample = config::computes(measures, "malff");
  return needs;
}

ExtractedRun extract_run(const StudyInputs& study, const std::string& session,
                         const io::RunFiles& files, const ExtractionNeeds& needs) {
  io::NiftiVolumeStream bold(files.bold);
  const core::Volume<float> mask = io::read_nifti_volume(files.brain_mask);
  const auto rois = study.regions.map_to_grid(bold.grid());
  extract::ExtractionOptions options;
  options.strategy = extract::parse_reduction_strategy(config::to_string(study.config.rois.strategy));
  options.min_coverage = study.config.rois.min_coverage;
  options.brain_mask_path = files.brain_mask;
  options.keep_voxel_series = needs.roi_voxels || needs.brain_sample;
  roi::RoiMap with_sample;
  const roi::RoiMap* map = rois.get();
  if (needs.brain_sample && mask.grid.dims == bold.grid().dims) {
    with_sample = *rois;
    with_sample.rois.push_back({kBrainSampleName, brain_sample_voxels(mask)});
    map = &with_sample;
  }
  extract::RoiTimeSeries series = extract::extract_roi_time_series(bold, *map, &mask, options);

  ExtractedRun out;
  if (map == &with_sample) {  // take the sample's column back out
    const Eigen::Index r = series.roi_count() - 1;
    out.brain_sample = std::move(series.voxel_series.back());
    series.voxel_series.pop_back();
    series.values.conservativeResize(Eigen::NoChange, r);
    series.voxel_count.pop_back();
    series.usable_voxel_count.pop_back();
    series.coverage.pop_back();
    series.nan_reason.pop_back();
  }
  if (needs.roi_voxels) out.roi_voxels = std::move(series.voxel_series);
  out.grid_dims = {bold.grid().dims[0], bold.grid().dims[1], bold.grid().dims[2]};

  store::RunRecord& run = out.record;
  run.session = session;
  run.task = study.config.study.task;
  run.run = files.run;
  run.tr_seconds = repetition_time(files, series.repetition_time_seconds);
  run.volume_count = series.volume_count();
  run.grid = bold.grid();
  run.time_series = std::move(series.values);
  run.voxel_count = series.voxel_count;
  run.coverage = series.coverage;
  run.roi_status = series.nan_reason;
  run.bold_path = files.bold.string();
  run.confounds_path = files.confounds.string();
  run.mask_path = files.brain_mask.string();
  return out;
}

store::InputFile describe_input(const std::string& role, const std::filesystem::path& path) {
  return {role, path.string(), static_cast<std::int64_t>(std::filesystem::file_size(path)),
          core::sha256_file(path)};
}

}  // namespace acuroi::participant
