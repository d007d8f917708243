// BIDS-style TSV + JSON exports of ROI time series.
#include "acuroi/store/timeseries_export.hpp"

#include "acuroi/io/table.hpp"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"

namespace acuroi::store {

namespace {

using Json = nlohmann::ordered_json;

Json number_or_null(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

void validate_naming(const TimeseriesNaming& naming, const std::filesystem::path& output_dir) {
  const std::pair<const char*, const std::string*> entities[] = {
      {"space", &naming.space}, {"seg", &naming.atlas}, {"desc", &naming.strategy}};
  for (const auto& [entity, value] : entities)
    if (!is_bids_label(*value))
      throw core::InputError(output_dir.string(), std::string("timeseries naming ") + entity,
                             *value, "not a BIDS label (one or more letters or digits)");
}

}  // namespace

std::string tsv_number(double value) { return io::format_number(value); }

std::filesystem::path timeseries_tsv_path(const std::filesystem::path& output_dir,
                                          const std::string& participant_label,
                                          const RunRecord& run, const TimeseriesNaming& naming) {
  const std::string subject = "sub-" + participant_label;
  const std::string session = "ses-" + run.session;
  std::string stem = subject + "_" + session + "_task-" + run.task;
  if (!run.run.empty()) stem += "_run-" + run.run;
  stem += "_space-" + naming.space + "_seg-" + naming.atlas + "_desc-" + naming.strategy;
  return output_dir / subject / session / "func" / (stem + "_timeseries.tsv");
}

std::string timeseries_tsv_text(const std::vector<RoiDefinitionRecord>& rois,
                                const Eigen::MatrixXd& time_series) {
  std::string text;
  for (std::size_t r = 0; r < rois.size(); ++r) text += (r ? "\t" : "") + rois[r].name;
  text += '\n';
  for (Eigen::Index t = 0; t < time_series.rows(); ++t) {
    for (Eigen::Index r = 0; r < time_series.cols(); ++r) {
      if (r) text += '\t';
      text += tsv_number(time_series(t, r));
    }
    text += '\n';
  }
  return text;
}

std::string timeseries_sidecar_text(const ParticipantRecord& record, const RunRecord& run,
                                    const TimeseriesNaming& naming) {
  Json names = Json::array(), kinds = Json::array(), definitions = Json::array();
  for (const RoiDefinitionRecord& roi : record.rois) {
    names.push_back(roi.name);
    kinds.push_back(roi.kind);
    definitions.push_back(roi.definition);
  }
  Json coverage = Json::array();
  for (const double c : run.coverage) coverage.push_back(number_or_null(c));
  Json sidecar;
  sidecar["RepetitionTime"] = run.tr_seconds;
  sidecar["SamplingFrequency"] = 1.0 / run.tr_seconds;
  sidecar["NumberOfVolumes"] = run.time_series.rows();
  sidecar["Space"] = naming.space;
  sidecar["Atlas"] = naming.atlas;
  sidecar["DenoisingStrategy"] = naming.strategy;
  sidecar["ROIs"] = names;
  sidecar["ROIKinds"] = kinds;
  sidecar["ROIDefinitions"] = definitions;
  sidecar["VoxelCount"] = run.voxel_count;
  sidecar["Coverage"] = coverage;
  sidecar["ROIStatus"] = run.roi_status;
  sidecar["Sources"] = {
      {"bold", run.bold_path}, {"confounds", run.confounds_path}, {"mask", run.mask_path}};
  sidecar["ConfigSHA256"] = record.provenance.config_sha256;
  sidecar["AtlasSHA256"] = record.provenance.atlas_sha256;
  sidecar["ROIDefinitionsSHA256"] = record.provenance.roi_definitions_sha256;
  sidecar["AcuroiVersion"] = record.provenance.acuroi_version;
  sidecar["CreatedUTC"] = record.provenance.created_utc;
  return sidecar.dump(2) + "\n";
}

std::vector<std::filesystem::path> write_timeseries_exports(const ParticipantRecord& record,
                                                            const std::filesystem::path& output_dir,
                                                            const TimeseriesNaming& naming) {
  validate_naming(naming, output_dir);
  validate_participant_record(record, output_dir.string());
  std::vector<std::filesystem::path> written;
  for (const RunRecord& run : record.runs) {
    const std::filesystem::path tsv =
        timeseries_tsv_path(output_dir, record.participant_label, run, naming);
    std::filesystem::path json = tsv;
    json.replace_extension(".json");
    core::write_text_atomically(tsv, timeseries_tsv_text(record.rois, run.time_series));
    core::write_text_atomically(json, timeseries_sidecar_text(record, run, naming));
    written.push_back(tsv);
    written.push_back(json);
  }
  return written;
}

}  // namespace acuroi::store
