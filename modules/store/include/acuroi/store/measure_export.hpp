// TSV exports of the measures and of the denoising, next to the time-series exports
// (timeseries_export.hpp), each written atomically:
//   per session  sub-<p>_ses-<s>_task-<t>_space-<sp>_seg-<atlas>_desc-<strategy>_measures.tsv
//                (the session's long measure table: measure, roi, value, runs_used,
//                volumes_kept, status)
//   per run      ..._run-<n>_space-.._seg-.._desc-<strategy>_measures.tsv (the run's table)
//                ..._run-<n>_space-.._seg-.._desc-<strategy>_timeseries.tsv/.json (denoised ROI
//                series, n/a at censored volumes)
//                sub-<p>_ses-<s>_task-<t>[_run-<n>]_outliers.tsv (framewise_displacement,
//                censored 0/1: XCP-D's outliers file)
// Runs without `denoise/` arrays (no denoising recorded) get no denoise exports.
//
//   auto written = write_measure_exports(record, output_dir, {"MNI152NLin6Asym", "AAL", "24P"});
#pragma once
#include <filesystem>
#include <vector>

#include "acuroi/store/participant_record.hpp"
#include "acuroi/store/timeseries_export.hpp"

namespace acuroi::store {

std::vector<std::filesystem::path> write_measure_exports(const ParticipantRecord& record,
                                                         const std::filesystem::path& output_dir,
                                                         const TimeseriesNaming& naming);

}  // namespace acuroi::store
