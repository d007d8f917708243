#include "acuroi/store/measure_export.hpp"

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/store/measure_table.hpp"

namespace acuroi::store {

namespace {

std::filesystem::path with_suffix(std::filesystem::path tsv, const std::string& suffix) {
  std::string name = tsv.filename().string();
  name.replace(name.rfind("_timeseries.tsv"), std::string("_timeseries.tsv").size(), suffix);
  return tsv.replace_filename(name);
}

std::string outliers_text(const RunRecord& run) {
  const auto fd = run.arrays.find("denoise/framewise_displacement");
  const auto kept = run.arrays.find("denoise/kept");
  const auto& fd_values = std::get<std::vector<double>>(fd->second.data);
  const auto& kept_values = std::get<std::vector<std::uint8_t>>(kept->second.data);
  std::string text = "framewise_displacement\tcensored\n";
  for (std::size_t t = 0; t < fd_values.size() && t < kept_values.size(); ++t)
    text += tsv_number(fd_values[t]) + '\t' + (kept_values[t] ? "0" : "1") + '\n';
  return text;
}

}  // namespace

std::vector<std::filesystem::path> write_measure_exports(const ParticipantRecord& record,
                                                         const std::filesystem::path& output_dir,
                                                         const TimeseriesNaming& naming) {
  validate_participant_record(record, output_dir.string());
  std::vector<std::filesystem::path> written;
  auto write = [&](const std::filesystem::path& path, const std::string& text) {
    core::write_text_atomically(path, text);
    written.push_back(path);
  };
  ParticipantRecord denoised = record;  // header and sidecar of the denoised series
  for (RunRecord& run : denoised.runs) {
    const auto base = timeseries_tsv_path(output_dir, record.participant_label, run, naming);
    const MeasureTable table = MeasureTable::from_arrays(run.arrays, "measures/", base.string());
    // A run without a run label is its session's only run: the session table says the same.
    if (!table.rows.empty() && !run.run.empty()) write(with_suffix(base, "_measures.tsv"), table.tsv_text());
    const auto series = run.arrays.find("denoise/timeseries");
    if (series != run.arrays.end()) {
      run.time_series = to_matrix(series->second);
      std::filesystem::path json = base;
      json.replace_extension(".json");
      write(base, timeseries_tsv_text(record.rois, run.time_series));
      write(json, timeseries_sidecar_text(denoised, run, naming));
    }
    if (run.arrays.count("denoise/framewise_displacement") && run.arrays.count("denoise/kept")) {
      std::string stem = "sub-" + record.participant_label + "_ses-" + run.session + "_task-" + run.task;
      if (!run.run.empty()) stem += "_run-" + run.run;
      write(base.parent_path() / (stem + "_outliers.tsv"), outliers_text(run));
    }
  }
  for (const auto& [session, arrays] : record.session_arrays) {
    const MeasureTable table = MeasureTable::from_arrays(arrays, "measures/", output_dir.string());
    if (table.rows.empty()) continue;
    const std::string subject = "sub-" + record.participant_label;
    const std::string name = subject + "_ses-" + session + "_task-" +
                             (record.runs.empty() ? std::string("rest") : record.runs.front().task) +
                             "_space-" + naming.space + "_seg-" + naming.atlas + "_desc-" +
                             naming.strategy + "_measures.tsv";
    write(output_dir / subject / ("ses-" + session) / "func" / name, table.tsv_text());
  }
  return written;
}

}  // namespace acuroi::store
