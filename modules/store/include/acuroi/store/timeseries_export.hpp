// BIDS-derivatives-style exports of a participant's ROI time series, for pandas and R users:
// per run one TSV (header = ROI names, one row per volume, NaN as "n/a") and a JSON sidecar
// with the same stem (RepetitionTime, SamplingFrequency, ROI names, voxel counts, coverage,
// status, config hash, acuroi version; NaN as null). Each file is written atomically.
//
//   <output_dir>/sub-01/ses-pre/func/
//       sub-01_ses-pre_task-rest_run-1_space-MNI152NLin6Asym_seg-AAL_desc-36P_timeseries.tsv/.json
//
//   auto written = write_timeseries_exports(record, output_dir, {"MNI152NLin6Asym", "AAL", "36P"});
#pragma once
#include <Eigen/Dense>
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/store/participant_record.hpp"

namespace acuroi::store {

// The entities that name an export file besides sub/ses/task/run: BIDS labels (letters, digits).
struct TimeseriesNaming {
  std::string space;     // space-<space>, e.g. "MNI152NLin2009cAsym"
  std::string atlas;     // seg-<atlas>, e.g. "AAL"
  std::string strategy;  // desc-<strategy>: the denoising strategy, e.g. "36P", or "raw"
};

// <output_dir>/sub-<p>/ses-<s>/func/sub-<p>_ses-<s>_task-<t>[_run-<n>]_space-.._seg-.._desc-.._timeseries.tsv
std::filesystem::path timeseries_tsv_path(const std::filesystem::path& output_dir,
                                          const std::string& participant_label,
                                          const RunRecord& run, const TimeseriesNaming& naming);

// Writes the TSV and JSON of every run; returns the paths written (tsv, json, tsv, json, ...).
// Validates the record and the naming first (core::InputError), so a bad record writes nothing.
std::vector<std::filesystem::path> write_timeseries_exports(const ParticipantRecord& record,
                                                            const std::filesystem::path& output_dir,
                                                            const TimeseriesNaming& naming);

// The TSV text: header of ROI names, then one row per volume ("\n" line ends).
std::string timeseries_tsv_text(const std::vector<RoiDefinitionRecord>& rois,
                                const Eigen::MatrixXd& time_series);

// The JSON sidecar text of one run.
std::string timeseries_sidecar_text(const ParticipantRecord& record, const RunRecord& run,
                                    const TimeseriesNaming& naming);

// A TSV cell: shortest text that reads back as the same double; NaN → "n/a", ±inf → "inf"/"-inf".
std::string tsv_number(double value);

}  // namespace acuroi::store
