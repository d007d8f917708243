// QC and group plots (FD trace, ROI carpet, paired lines, effects, slice overlays) as standalone
// SVG text; see plots.hpp for the conventions. Plot areas (<g class="plot-area">) carry their
// scales as data-x-min/max + data-px-min/max and data-y-min/max + data-py-min/max (svg.hpp).
//   std::string svg = fd_trace("sub-01 pre run 1", fd, kept, 0.5, 2.0);
//   std::string carpet = carpet_plot("sub-01 pre run 1", run.time_series, {"ACC", "S1"}, kept, 2.0);
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace acuroi::report {
// Framewise displacement (mm) per volume with the scrubbing threshold; censored volumes marked.
std::string fd_trace(const std::string& title, const std::vector<double>& fd_mm,
                     const std::vector<int>& kept, double threshold_mm, double tr_seconds);

// Carpet ("grayplot") of ROI signals: one row per ROI, one column per volume (time × TR on the x
// axis, aligned with fd_trace's). Each ROI's signal is z-scored over the run's kept volumes:
// z = (x - mean) / SD with the mean and the sample SD (ddof = 1) of the finite values at kept
// volumes (kept[i] != 0; volumes beyond kept.size() count as kept), applied to every finite
// value, censored ones included. Grey scale: z = -2 black … +2 white (clipped). A row whose
// kept values number < 2 or have SD 0, and any non-finite value, has z = NaN, drawn pale red.
// `signals` is [volumes × ROIs]. Elements: rect.carpet-cell (one per ROI × volume; data-roi =
// ROI index, data-volume, data-z = the z value, "nan" when none), rect.censored-volume (a red
// tick above the carpet per censored volume, data-volume), text.roi-label (one per ROI).
std::string carpet_plot(const std::string& title, const Eigen::MatrixXd& signals,
                        const std::vector<std::string>& roi_names, const std::vector<int>& kept,
                        double tr_seconds);

// Pre vs post per participant (one line each), one panel per arm.
struct PairedArm {
  std::string arm;
  std::vector<double> pre, post;  // same length; NaN pairs skipped
};
std::string paired_lines(const std::string& title, const std::vector<PairedArm>& arms,
                         const std::string& value_label);

// One row per labelled estimate with its CI and a zero line (e.g. the between-arm effect per
// ROI × measure).
struct EffectRow {
  std::string label;
  double estimate, ci_lower, ci_upper;
};
std::string effect_plot(const std::string& title, const std::vector<EffectRow>& rows,
                        const std::string& effect_label);

// A 2-D slice as a grid of rects: grey background (intensities), coloured overlay labels
// (0 = none, k = ROI k-1 drawn in roi_style(k-1), svg.hpp), a legend swatch per ROI
// (rect.legend-swatch, data-roi = name) with the same fill. Both [rows × columns], row 0 drawn at the top.
struct Slice {
  int rows = 0, columns = 0;
  std::vector<double> intensity;  // row-major
  std::vector<int> label;         // row-major
};
std::string slice_overlay(const std::string& title, const Slice& slice, double cell_px,
                          const std::vector<std::string>& roi_names);

}  // namespace acuroi::report
