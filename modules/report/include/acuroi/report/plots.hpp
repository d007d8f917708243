// Plots as functions returning standalone SVG text (svg.hpp), in the Okabe–Ito palette, with
// labelled axes. Elements carry classes so tests and the report can find them:
//   forest: g.study-row (one per study, with rect.weight-box and line.ci), polygon.pooled-diamond
//           (attribute data-estimate), line.prediction-interval; attribute data-x-min/data-x-max
//           on the root's first <g class="plot-area"> give the x scale's data range and
//           data-px-min/data-px-max its pixel range.
//   fd trace: polyline.fd, line.threshold;  paired lines: line.pair;  effects: g.effect-row.
//
//   std::vector<ForestRow> rows{{"study A", 0.3, 0.1, 0.6, 40}, {"study B", 0.5, 0.2, 0.8, 60}};
//   ForestPooled pooled{0.42, 0.2, 0.64, 0.0, 0.9};
//   std::string svg = forest_plot("ACC · alff", rows, pooled, "Hedges' g");
#pragma once
#include <string>
#include <vector>

namespace acuroi::report {

struct ForestRow {
  std::string label;
  double estimate, ci_lower, ci_upper;
  double weight_percent;  // square area is proportional to it
};

struct ForestPooled {
  double estimate, ci_lower, ci_upper;
  double pi_lower, pi_upper;  // prediction interval; NaN = not drawn
};

std::string forest_plot(const std::string& title, const std::vector<ForestRow>& rows,
                        const ForestPooled& pooled, const std::string& effect_label);

// Framewise displacement (mm) per volume with the scrubbing threshold; censored volumes marked.
std::string fd_trace(const std::string& title, const std::vector<double>& fd_mm,
                     const std::vector<int>& kept, double threshold_mm, double tr_seconds);

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

// Funnel plot: effect vs standard error (inverted y) with the pseudo 95% region around `pooled`.
std::string funnel_plot(const std::string& title, const std::vector<double>& yi,
                        const std::vector<double>& sei, double pooled,
                        const std::string& effect_label);

// A 2-D slice as a grid of rects: grey background (intensities), coloured overlay labels
// (0 = none, k = ROI k-1 in the palette). Both [rows × columns], row 0 drawn at the top.
struct Slice {
  int rows = 0, columns = 0;
  std::vector<double> intensity;  // row-major
  std::vector<int> label;         // row-major
};
std::string slice_overlay(const std::string& title, const Slice& slice, double cell_px,
                          const std::vector<std::string>& roi_names);

}  // namespace acuroi::report
