// Everything acuroi stores about one participant: ROI definitions, per-run ROI time series with
// their coverage, and provenance. Plain values; written to one HDF5 file by participant_file.hpp
// and exported as TSV/JSON by timeseries_export.hpp. SCHEMA.md documents the file layout.
//
// Conventions: labels (participant, session, task, run) are BIDS labels without their prefix
// ("01", not "sub-01"), letters and digits only; a run label may be empty. Time series are
// [volumes × ROIs] in the ROI order of `rois`; NaN means "no value" (the ROI's roi_status says
// why). Times in seconds; the grid's affine maps voxel indices to RAS mm.
//
//   ParticipantRecord record{.participant_label = "01", .arm = "acupuncture"};
//   record.rois.push_back({"ACC", "labels", "aal: Cingulum_Ant_L(31), Cingulum_Ant_R(32)"});
//   record.runs.push_back(run);   // RunRecord with time_series of shape [T × 1]
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "acuroi/core/grid.hpp"
#include "acuroi/store/values.hpp"

namespace acuroi::store {

struct RoiDefinitionRecord {
  std::string name;        // column name in every output, e.g. "ACC"
  std::string kind;        // "labels", "sphere", "mask" or "union"
  std::string definition;  // human-readable, e.g. "aal: Cingulum_Ant_L(31), Cingulum_Ant_R(32)"
};

struct RunRecord {
  std::string session;  // e.g. "pre"
  std::string task;     // e.g. "rest"
  std::string run;      // e.g. "1"; empty when the dataset has no run entity
  double tr_seconds = 0.0;
  std::int64_t volume_count = 0;  // volumes in the BOLD input
  core::Grid grid;                // the BOLD grid (dims + voxel → RAS mm affine)

  Eigen::MatrixXd time_series;            // [volumes × ROIs]; NaN = no value
  std::vector<std::int64_t> voxel_count;  // per ROI: voxels of the ROI on this grid
  std::vector<double> coverage;           // per ROI: fraction in the brain mask with finite data
  std::vector<std::string> roi_status;    // per ROI: "" = ok, else why its values are NaN

  std::string bold_path, confounds_path, mask_path;  // as given; may be empty

  // Room for later stages (denoising, QC, measures): datasets under the run's group, by path
  // relative to it ("confounds_used", "censor_mask", "measures/alff"), and extra run attributes.
  // Names must not clash with the datasets and attributes above (see SCHEMA.md).
  std::map<std::string, Array> arrays;
  std::map<std::string, AttributeValue> attributes;
};

struct InputFile {
  std::string role;  // "bold", "brain_mask", "confounds", "gm_probseg", "atlas", ...
  std::string path;
  std::int64_t size_bytes = 0;
  std::string sha256;  // lowercase hex
};

struct Provenance {
  std::string acuroi_version;
  std::string config_yaml;  // the resolved config, as text
  std::string config_sha256;
  std::string atlas_path;
  std::string atlas_sha256;
  std::string roi_definitions_sha256;
  std::vector<InputFile> inputs;
  std::string created_utc;  // ISO 8601, e.g. "2026-11-21T17:40:00Z"
};

struct ParticipantRecord {
  std::string participant_label;                  // "01"
  std::string arm;                                // "acupuncture", "sham", ...; may be empty
  std::map<std::string, std::string> covariates;  // from participants.tsv, as text
  std::vector<RoiDefinitionRecord> rois;          // the column order of every time series
  std::vector<RunRecord> runs;
  // Session-level datasets by session label and path relative to /sessions/<session>
  // ("measures/gm_volume"); the path must not start with "runs".
  std::map<std::string, std::map<std::string, Array>> session_arrays;
  Provenance provenance;
};

// Checks labels, names and shapes (ROI counts of every per-ROI value, unique runs, valid array
// shapes) before anything is written. Throws core::InputError naming `file` (the output being
// written), the field (e.g. "runs[2].coverage") and the offending value.
void validate_participant_record(const ParticipantRecord& record, const std::string& file);

// True if `label` is a BIDS label: one or more ASCII letters or digits.
bool is_bids_label(const std::string& label);

}  // namespace acuroi::store
