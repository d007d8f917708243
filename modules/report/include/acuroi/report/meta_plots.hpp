// Meta-analysis plots (forest, forest by subgroup, funnel with trim-and-fill) as standalone SVG
// text; see plots.hpp for the class conventions. Effects are on the pooled scale (e.g. MD, log RR).
//   std::vector<ForestRow> rows{{"study A", 0.3, 0.1, 0.6, 40}, {"study B", 0.5, 0.2, 0.8, 60}};
//   ForestPooled pooled{0.42, 0.2, 0.64, 0.0, 0.9};
//   std::string svg = forest_plot("ACC · alff", rows, pooled, "Hedges' g");
#pragma once
#include <limits>
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

// One block of a forest plot by subgroup: a heading row (g.subgroup-heading, data-level), the
// level's studies (g.study-row), and the level's own pooled model as polygon.subgroup-diamond
// (data-estimate, data-ci-lb, data-ci-ub). `in_analysis` = false: studies without the moderator,
// drawn under g.subgroup-left-out without a diamond.
struct ForestSubgroup {
  std::string level;
  std::vector<ForestRow> rows;
  double estimate = std::numeric_limits<double>::quiet_NaN();
  double ci_lower = std::numeric_limits<double>::quiet_NaN();
  double ci_upper = std::numeric_limits<double>::quiet_NaN();
  bool in_analysis = true;
};

// The blocks in order, then the overall diamond (polygon.pooled-diamond) as forest_plot, and
// `test_line` (the test of subgroup differences) as text.subgroup-test under the plot.
//   std::string svg = forest_plot_subgroups("ACC · alff by sham", "sham", {{"minimal", rows, 0.4, 0.1, 0.7}},
//                                           pooled, "MD", "QM(1) = 2.1, p = 0.15");
std::string forest_plot_subgroups(const std::string& title, const std::string& moderator,
                                  const std::vector<ForestSubgroup>& groups, const ForestPooled& pooled,
                                  const std::string& effect_label, const std::string& test_line);

// Trim-and-fill results for a funnel plot: the filled studies (effect and standard error) and
// the pooled estimate with them (NaN = no line).
struct FunnelTrimFill {
  std::vector<double> filled_yi, filled_sei;
  double estimate = std::numeric_limits<double>::quiet_NaN();
  std::string side;  // "left" or "right": where studies were missing
};

// Funnel plot: effect vs standard error (inverted y: SE 0 at the top) with the pseudo 95% region
// (polygon.pseudo-ci: apex at `pooled`, SE 0; base at pooled ± 1.96·SE at the axis' largest SE),
// studies as circle.study-point and the pooled line (line.pooled-line). With trim-and-fill: the
// filled studies as open circles (circle.filled-study), the adjusted estimate as a dashed
// line.trimfill-estimate, and a legend (g.legend). The first g.plot-area carries data-x-min,
// data-x-max, data-px-min, data-px-max (effect → pixel x) and data-y-min, data-y-max,
// data-py-min, data-py-max (standard error → pixel y).
std::string funnel_plot(const std::string& title, const std::vector<double>& yi,
                        const std::vector<double>& sei, double pooled,
                        const std::string& effect_label);
std::string funnel_plot(const std::string& title, const std::vector<double>& yi,
                        const std::vector<double>& sei, double pooled,
                        const std::string& effect_label, const FunnelTrimFill& trim_fill);

}  // namespace acuroi::report
