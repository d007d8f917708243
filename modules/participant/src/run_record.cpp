#include "run_record.hpp"

#include <cmath>

#include "acuroi/core/hash.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/extract/extract.hpp"
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
}  // namespace

store::RunRecord extract_run(const StudyInputs& study, const std::string& session,
                             const io::RunFiles& files) {
  io::NiftiVolumeStream bold(files.bold);
  const core::Volume<float> mask = io::read_nifti_volume(files.brain_mask);
  const auto rois = study.regions.map_to_grid(bold.grid());
  extract::ExtractionOptions options;
  options.strategy = extract::parse_reduction_strategy(config::to_string(study.config.rois.strategy));
  options.min_coverage = study.config.rois.min_coverage;
  options.brain_mask_path = files.brain_mask;
  extract::RoiTimeSeries series = extract::extract_roi_time_series(bold, *rois, &mask, options);

  store::RunRecord run;
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
  return run;
}

store::InputFile describe_input(const std::string& role, const std::filesystem::path& path) {
  return {role, path.string(), static_cast<std::int64_t>(std::filesystem::file_size(path)),
          core::sha256_file(path)};
}

}  // namespace acuroi::participant
