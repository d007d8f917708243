// QC and group plots checked element by element by check_qc_svg.py (python xml.etree + numpy,
// independent of our SVG writer): FD trace, paired lines, effect rows, ROI carpet (z-scores
// recomputed with numpy) and the ROI legend's styles. Every check is also run against a wrong
// expectation, which must fail, so the checker is shown to be able to fail.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/report/plots.hpp"
#include "acuroi/report/report.hpp"
#include "acuroi/report/svg.hpp"
#include "demo_config.hpp"

namespace {
namespace fs = std::filesystem;
using namespace acuroi::report;
const double kNaN = std::nan("");

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

template <class T>
std::string json_list(const std::vector<T>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? "," : "") + json_number(static_cast<double>(values[i]));
  return out + "]";
}

std::string json_strings(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ",\"" : "\"") + values[i] + "\"";
  return out + "]";
}

// Writes the SVG and the expectation, runs the checker; returns its exit status (0 = ok).
// `target` (a report or an output folder) replaces the SVG file when given.
int check(const std::string& kind, const std::string& svg, const std::string& expected_json,
          bool quiet = false, const std::string& target = {}) {
  const fs::path dir = fs::temp_directory_path();
  const fs::path svg_file = target.empty() ? dir / ("acuroi_qc_plot_test_" + kind + ".svg") : fs::path(target);
  const fs::path json_file = dir / ("acuroi_qc_plot_test_" + kind + ".json");
  if (target.empty()) std::ofstream(svg_file) << svg;
  std::ofstream(json_file) << expected_json;
  const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                              "/tests/report/check_qc_svg.py " + kind + " " + svg_file.string() +
                              " " + json_file.string() + (quiet ? " >/dev/null 2>&1" : "");
  const int status = std::system(command.c_str());
  if (target.empty()) fs::remove(svg_file);
  fs::remove(json_file);
  return status;
}

std::string fd_json(const std::vector<double>& fd, const std::vector<int>& kept, double threshold,
                    double tr) {
  return "{\"fd\":" + json_list(fd) + ",\"kept\":" + json_list(kept) +
         ",\"threshold\":" + json_number(threshold) + ",\"tr\":" + json_number(tr) + "}";
}

TEST(ReportQcSvg, FdTraceMapsBackToFdThresholdAndCensoredVolumes) {
  std::vector<double> fd;
  std::vector<int> kept;
  for (int i = 0; i < 40; ++i) {
    fd.push_back(i == 0 ? 0.0 : 0.12 + 0.1 * std::sin(0.7 * i) + (i % 13 == 5 ? 0.6 : 0.0));
    kept.push_back(i < 2 || fd.back() > 0.5 ? 0 : 1);  // 2 dummies + FD outliers
  }
  fd[17] = kNaN;  // a volume without FD: no point
  const double threshold = 0.5, tr = 2.0;
  const std::string svg = fd_trace("sub-01 pre run 1", fd, kept, threshold, tr);
  EXPECT_EQ(check("fd", svg, fd_json(fd, kept, threshold, tr)), 0);
  // Wrong expectations must fail: threshold, one FD value, one censored volume more.
  EXPECT_NE(check("fd", svg, fd_json(fd, kept, 0.55, tr), true), 0);
  auto fd_off = fd;
  fd_off[9] += 0.01;
  EXPECT_NE(check("fd", svg, fd_json(fd_off, kept, threshold, tr), true), 0);
  auto kept_off = kept;
  kept_off[20] = 0;
  EXPECT_NE(check("fd", svg, fd_json(fd, kept_off, threshold, tr), true), 0);
}

std::string paired_json(const std::vector<PairedArm>& arms) {
  std::string out = "{\"arms\":[";
  for (std::size_t k = 0; k < arms.size(); ++k)
    out += std::string(k ? "," : "") + "{\"arm\":\"" + arms[k].arm + "\",\"pre\":" +
           json_list(arms[k].pre) + ",\"post\":" + json_list(arms[k].post) + "}";
  return out + "]}";
}

TEST(ReportQcSvg, PairedLinesOnePerCompleteParticipantEndpointsAtValues) {
  const std::vector<PairedArm> arms{
      {"acupuncture", {10.2, 11.5, 9.8, 12.0, 10.9, 11.1}, {9.1, 10.0, kNaN, 10.4, 10.2, 9.7}},
      {"sham", {10.5, kNaN, 11.8, 9.9, 10.1}, {10.3, 10.9, 11.5, 10.2, 9.8}},
      {"waitlist", {12.5, 8.7}, {12.2, 8.9}}};
  const std::string svg = paired_lines("ACC · alff", arms, "alff (BOLD units)");
  EXPECT_EQ(check("paired", svg, paired_json(arms)), 0);
  auto wrong_value = arms;
  wrong_value[1].post[3] = 10.3;
  EXPECT_NE(check("paired", svg, paired_json(wrong_value), true), 0);
  auto wrong_count = arms;
  wrong_count[0].post[2] = 9.5;  // would be one more complete participant
  EXPECT_NE(check("paired", svg, paired_json(wrong_count), true), 0);
}

std::string effect_json(const std::vector<EffectRow>& rows) {
  std::string out = "{\"rows\":[";
  for (std::size_t i = 0; i < rows.size(); ++i)
    out += std::string(i ? "," : "") + "{\"label\":\"" + rows[i].label + "\",\"estimate\":" +
           json_number(rows[i].estimate) + ",\"ci_lower\":" + json_number(rows[i].ci_lower) +
           ",\"ci_upper\":" + json_number(rows[i].ci_upper) + "}";
  return out + "]}";
}

TEST(ReportQcSvg, EffectRowsMarkerAtEstimateLineAtCi) {
  const std::vector<EffectRow> rows{{"ACC", -0.42, -0.91, 0.07},
                                    {"insula", 0.15, -0.2, 0.5},
                                    {"S1 <L>", 0.8, 0.31, 1.29},
                                    {"thalamus", 0.02, -0.05, 0.09},
                                    {"DMN", -1.3, -2.1, -0.5}};
  const std::string svg = effect_plot("Between-arm difference in change: alff", rows, "difference");
  EXPECT_EQ(check("effect", svg, effect_json(rows)), 0);
  auto moved = rows;
  moved[2].estimate = 0.82;
  EXPECT_NE(check("effect", svg, effect_json(moved), true), 0);
  auto ci = rows;
  ci[4].ci_upper = -0.45;
  EXPECT_NE(check("effect", svg, effect_json(ci), true), 0);
  auto fewer = rows;
  fewer.pop_back();
  EXPECT_NE(check("effect", svg, effect_json(fewer), true), 0);
}

std::string carpet_json(const Eigen::MatrixXd& signals, const std::vector<int>& kept, double tr,
                        const std::vector<std::string>& names) {
  std::string rows = "[";
  for (Eigen::Index t = 0; t < signals.rows(); ++t) {
    std::vector<double> row;
    for (Eigen::Index r = 0; r < signals.cols(); ++r) row.push_back(signals(t, r));
    rows += (t ? "," : "") + json_list(row);
  }
  return "{\"signals\":" + rows + "],\"kept\":" + json_list(kept) + ",\"tr\":" + json_number(tr) +
         ",\"roi_names\":" + json_strings(names) + "}";
}

TEST(ReportQcSvg, CarpetCellsHoldNumpyZScoresOverKeptVolumes) {
  const int volumes = 30;
  const std::vector<std::string> names{"ACC", "insula", "S1", "thalamus", "DMN"};
  Eigen::MatrixXd signals(volumes, 5);
  std::vector<int> kept(volumes, 1);
  for (int t = 0; t < volumes; ++t) {
    signals(t, 0) = 1000 + 12 * std::sin(0.4 * t) + 0.5 * t;      // offset + drift
    signals(t, 1) = 850 + 9 * std::cos(0.9 * t) + (t == 11 ? 60 : 0);  // spike at a censored volume
    signals(t, 2) = 640.5;                                         // constant: SD 0, no z
    signals(t, 3) = kNaN;                                          // ROI rejected for the run
    signals(t, 4) = -3 + 0.2 * std::sin(1.7 * t);
  }
  signals(23, 4) = kNaN;  // a volume without a value (as denoised series at censored volumes)
  for (int t : {0, 1, 11, 23}) kept[static_cast<std::size_t>(t)] = 0;
  const double tr = 1.5;
  const std::string svg = carpet_plot("sub-01 pre run 1", signals, names, kept, tr);
  EXPECT_EQ(check("carpet", svg, carpet_json(signals, kept, tr, names)), 0);
  // Wrong expectations: z over all volumes (censoring ignored), a changed value, ROI order.
  EXPECT_NE(check("carpet", svg, carpet_json(signals, std::vector<int>(volumes, 1), tr, names), true), 0);
  Eigen::MatrixXd changed = signals;
  changed(7, 0) += 1e-6;
  EXPECT_NE(check("carpet", svg, carpet_json(changed, kept, tr, names), true), 0);
  EXPECT_NE(check("carpet", svg,
                  carpet_json(signals, kept, tr, {"insula", "ACC", "S1", "thalamus", "DMN"}), true),
            0);
}

TEST(ReportQcSvg, RoiStylesDistinctFirstSevenOkabeIto) {
  // Okabe & Ito (2008) without black, in their order.
  const std::vector<std::string> okabe{"#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                       "#0072B2", "#D55E00", "#CC79A7"};
  for (int k = 0; k < 7; ++k) EXPECT_EQ(roi_style(k), (RoiStyle{okabe[static_cast<std::size_t>(k)], 0}));
  std::set<std::pair<std::string, int>> twelve, all;
  for (int k = 0; k < 12; ++k) twelve.insert({roi_style(k).colour, roi_style(k).pattern});
  EXPECT_EQ(twelve.size(), 12u);
  for (int k = 0; k < 96; ++k) all.insert({roi_style(k).colour, roi_style(k).pattern});
  EXPECT_EQ(all.size(), 96u);
  EXPECT_EQ(roi_style(96), roi_style(0));  // documented period
  for (int k = 0; k < roi_colour_count(); ++k) EXPECT_EQ(roi_style(k).pattern, 0) << k;
  EXPECT_NE(roi_style(roi_colour_count()).pattern, 0);
}

TEST(ReportQcSvg, OverlayLegendGivesThirtyRoisDistinctLooks) {
  Slice slice;
  slice.rows = 6;
  slice.columns = 30;
  for (int r = 0; r < slice.rows; ++r)
    for (int c = 0; c < slice.columns; ++c) {
      slice.intensity.push_back(50.0 + r + c);
      slice.label.push_back(r == 0 ? 0 : c + 1);  // ROI c in column c
    }
  std::vector<std::string> names;
  for (int k = 0; k < 30; ++k) names.push_back("roi" + std::to_string(k + 1));
  const std::string svg = slice_overlay("axial slice, z = 10 mm", slice, 4.0, names);
  EXPECT_EQ(check("legend", svg, "{\"rois\":30}"), 0);
  EXPECT_NE(check("legend", svg, "{\"rois\":31}", true), 0);
  // The checker catches two ROIs that look alike: give ROI 12's swatch ROI 1's colour.
  std::string repeated = svg;
  const std::string twelfth = "fill=\"" + roi_colour(11) + "\" class=\"legend-swatch\"";
  const auto at = repeated.find(twelfth);
  ASSERT_NE(at, std::string::npos);
  repeated.replace(at, twelfth.size(), "fill=\"" + roi_colour(0) + "\" class=\"legend-swatch\"");
  EXPECT_NE(check("legend", repeated, "{\"rois\":30}", true), 0);
}

// The QC section of a 20-participant study (the demo's 8 participant files, run by `acuroi run`,
// cloned to 20 with extra censoring by the checker's make-clones fixture): FD traces and carpets
// for exactly the 24 runs with the most censored volumes (recomputed with h5py), a note saying so.
TEST(ReportQcSection, RunFiguresBoundedToMostCensoredRuns) {
  const fs::path work = fs::temp_directory_path() / "acuroi_qc_section_test";
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path config_path = acuroi::report::testing::write_demo_config(work / "demo.yaml", work / "out");
  const std::string run = std::string(ACUROI_BINARY) + " run " + config_path.string() +
                          " --quiet --stage participant >/dev/null 2>&1";
  ASSERT_EQ(std::system(run.c_str()), 0) << run;
  const std::string out = (work / "out").string();
  ASSERT_EQ(check("make-clones", "", "{\"participants\":20}", false, out), 0);
  acuroi::report::ReportOptions options;
  options.report_dir = work / "report";
  const auto config = acuroi::config::load_config(config_path);
  const std::string html = acuroi::report::write_report(config, options).string();
  EXPECT_EQ(check("bound", "", "{\"out_dir\":\"" + out + "\",\"max_runs\":24}", false, html), 0);
  EXPECT_NE(check("bound", "", "{\"out_dir\":\"" + out + "\",\"max_runs\":23}", true, html), 0);
  fs::remove_all(work);
}

}  // namespace
