// The study report: one self-contained HTML file (inline CSS and inline SVG; no scripts, no
// network) plus every figure as its own SVG file, written atomically:
//   <output.dir>/report/acuroi_report.html
//   <output.dir>/report/figures/<name>.svg
// Sections: run summary, ROI overlays on the Colin27 template with coverage, QC (FD per run with
// the threshold and a carpet of the ROI signals, for at most 24 runs: those with the most
// censored volumes; volumes kept and tSNR per ROI for every run), group results per
// ROI × measure, and meta-analysis (forest, forest by subgroup, funnel with trim-and-fill,
// leave-one-out, summary of findings) when the meta outputs exist.
//
//   config::Config config = config::load_config("configs/demo.yaml");
//   std::filesystem::path html = report::write_report(config);
#pragma once
#include <filesystem>
#include <string>

#include "acuroi/config/config.hpp"

namespace acuroi::report {

struct ReportOptions {
  // The Colin27 template the ROIs are drawn on; a missing file leaves the overlay section with a note.
  std::filesystem::path template_path = "/usr/share/mricron/templates/ch2better.nii.gz";
  double overlay_step_mm = 3.0;  // the slice grid's cell size (2-4 mm)
  std::filesystem::path report_dir;  // where to write; empty = <output.dir>/report
};

// Reads the participant, group and meta outputs under config.output.dir (what exists) and writes
// the report. Throws core::InputError when an output file exists but cannot be read.
std::filesystem::path write_report(const config::Config& config, const ReportOptions& options = {});

}  // namespace acuroi::report
