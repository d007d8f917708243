#include <cmath>

#include "acuroi/report/plots.hpp"
#include "sections.hpp"

namespace acuroi::report::detail {
namespace {
std::string run_name(const store::ParticipantRecord& p, const store::RunRecord& run) {
  return "sub-" + p.participant_label + "_ses-" + run.session + "_task-" + run.task +
         (run.run.empty() ? "" : "_run-" + run.run);
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
  out.html += "<h3>Framewise displacement per run</h3>\n<div class=\"grid\">\n";
  for (const auto& p : data.participants) {
    for (const auto& run : p.runs) {
      const auto fd = run_numbers(run, "denoise/framewise_displacement");
      if (fd.empty()) continue;
      std::vector<int> kept;
      for (double k : run_numbers(run, "denoise/kept")) kept.push_back(static_cast<int>(k));
      const std::string name = run_name(p, run);
      out.add_figure("fd_" + safe_name(name), "fd",
                     fd_trace(name, fd, kept, config.denoise.fd_threshold_mm, run.tr_seconds),
                     "FD of " + name + "; dashed line: threshold " +
                         fmt(config.denoise.fd_threshold_mm) + " mm; grey: censored volumes");
    }
  }
  out.html += "</div>\n</section>\n";
}

}  // namespace acuroi::report::detail
