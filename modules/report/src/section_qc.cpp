#include <algorithm>
#include <cmath>

#include "acuroi/report/plots.hpp"
#include "acuroi/store/values.hpp"
#include "sections.hpp"

namespace acuroi::report::detail {
namespace {
std::string run_name(const store::ParticipantRecord& p, const store::RunRecord& run) {
  return "sub-" + p.participant_label + "_ses-" + run.session + "_task-" + run.task +
         (run.run.empty() ? "" : "_run-" + run.run);
}
// Per-run figures (FD trace + ROI carpet) are drawn for at most this many runs, so the report of
// a study with hundreds of runs stays small; the tables above the figures list every run.
constexpr std::size_t kMaxRunsWithFigures = 24;

struct RunRef {
  const store::ParticipantRecord* participant;
  const store::RunRecord* run;
  double censored;  // censored volumes (from denoise/kept)
};

// All runs when there are at most kMaxRunsWithFigures; otherwise those with the most censored
// volumes (ties: earlier first), listed in report order.
std::vector<RunRef> runs_with_figures(const ReportData& data, std::size_t& total) {
  std::vector<RunRef> runs;
  for (const auto& p : data.participants) {
    for (const auto& run : p.runs) {
      double censored = 0;
      for (double k : run_numbers(run, "denoise/kept")) censored += k == 0 ? 1 : 0;
      runs.push_back({&p, &run, censored});
    }
  }
  total = runs.size();
  if (runs.size() <= kMaxRunsWithFigures) return runs;
  std::vector<std::size_t> order(runs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return runs[a].censored > runs[b].censored; });
  order.resize(kMaxRunsWithFigures);
  std::sort(order.begin(), order.end());
  std::vector<RunRef> chosen;
  for (std::size_t i : order) chosen.push_back(runs[i]);
  return chosen;
}

// The denoised ROI series when the run stores one of the right shape, else the raw series.
Eigen::MatrixXd carpet_signals(const store::RunRecord& run, bool& denoised) {
  denoised = false;
  const auto it = run.arrays.find("denoise/timeseries");
  if (it != run.arrays.end() && it->second.shape.size() == 2 &&
      std::holds_alternative<std::vector<double>>(it->second.data)) {
    Eigen::MatrixXd m = store::to_matrix(it->second);
    if (m.rows() == run.time_series.rows() && m.cols() == run.time_series.cols()) {
      denoised = true;
      return m;
    }
  }
  return run.time_series;
}

void add_run_figures(ReportBuilder& out, const config::Config& config, const RunRef& ref) {
  const auto& run = *ref.run;
  const std::string name = run_name(*ref.participant, run);
  std::vector<int> kept;
  for (double k : run_numbers(run, "denoise/kept")) kept.push_back(static_cast<int>(k));
  const auto fd = run_numbers(run, "denoise/framewise_displacement");
  if (!fd.empty())
    out.add_figure("fd_" + safe_name(name), "fd",
                   fd_trace(name, fd, kept, config.denoise.fd_threshold_mm, run.tr_seconds),
                   "FD of " + name + "; dashed line: threshold " +
                       fmt(config.denoise.fd_threshold_mm) + " mm; grey: censored volumes");
  if (run.time_series.size() == 0) return;
  bool denoised = false;
  const Eigen::MatrixXd signals = carpet_signals(run, denoised);
  std::vector<std::string> roi_names;
  for (const auto& r : ref.participant->rois) roi_names.push_back(r.name);
  out.add_figure("carpet_" + safe_name(name), "carpet",
                 carpet_plot(name + (denoised ? " · denoised ROI signals" : " · raw ROI signals"),
                             signals, roi_names, kept, run.tr_seconds),
                 std::string("ROI carpet of ") + name + ": " +
                     (denoised ? "denoised ROI series (denoise/timeseries: confounds, drift and "
                                 "band-pass removed; no value at censored volumes)"
                               : "raw ROI mean signal (timeseries; no denoised series stored)") +
                     ", one row per ROI, one column per volume; each ROI z-scored over the run's "
                     "kept volumes (mean and sample SD, ddof 1), grey from z = -2 (black) to +2 "
                     "(white); red ticks on top: censored volumes; pale red: no value");
}
}  // namespace

void add_qc_section(ReportBuilder& out, const config::Config& config, const ReportData& data) {
  out.html += "<section id=\"qc\"><h2>Quality control</h2>\n";
  std::vector<std::string> tsnr_header{"run"};
  if (!data.participants.empty())
    for (const auto& r : data.participants.front().rois) tsnr_header.push_back(r.name);
  std::vector<std::vector<std::string>> kept_rows, tsnr_rows;
  for (const auto& p : data.participants) {
    for (const auto& run : p.runs) {
      const std::string name = run_name(p, run);
      const auto kept = run_numbers(run, "denoise/kept");
      double kept_count = 0;
      for (double k : kept) kept_count += k;
      kept_rows.push_back({name, std::to_string(run.volume_count),
                           kept.empty() ? "n/a" : fmt(kept_count),
                           run_attribute_text(run, "motion_outlier_volumes"),
                           run_attribute_text(run, "excluded") == "1"
                               ? "excluded: " + run_attribute_text(run, "exclusion_reason")
                               : "used"});
      const auto measure = run_strings(run, "measures/measure");
      const auto roi = run_strings(run, "measures/roi");
      const auto value = run_numbers(run, "measures/value");
      std::vector<std::string> row{name};
      for (std::size_t c = 1; c < tsnr_header.size(); ++c) {
        std::string cell = "n/a";
        for (std::size_t m = 0; m < measure.size() && m < roi.size() && m < value.size(); ++m)
          if (measure[m] == "tsnr" && roi[m] == tsnr_header[c]) cell = fmt(value[m]);
        row.push_back(cell);
      }
      tsnr_rows.push_back(row);
    }
  }
  out.html += "<h3>Volumes kept</h3>\n" +
              html_table({"run", "volumes", "kept", "motion outliers", "status"}, kept_rows, "kept");
  out.html += "<h3>tSNR per ROI (mean / SD of the raw ROI series over kept volumes)</h3>\n" +
              html_table(tsnr_header, tsnr_rows, "tsnr");
  std::size_t total_runs = 0;
  const std::vector<RunRef> drawn = runs_with_figures(data, total_runs);
  out.html += "<h3>Framewise displacement and ROI carpet per run</h3>\n";
  if (drawn.size() < total_runs)
    out.html += "<p class=\"note\">Figures for " + std::to_string(drawn.size()) + " of " +
                std::to_string(total_runs) + " runs: those with the most censored volumes. The "
                "tables above list every run.</p>\n";
  out.html += "<div class=\"grid\">\n";
  for (const auto& ref : drawn) add_run_figures(out, config, ref);
  out.html += "</div>\n</section>\n";
}

}  // namespace acuroi::report::detail
