// Internal: the pieces forest plots share (scale, header, study rows, diamonds), so the plain
// forest and the forest by subgroup draw studies the same way.
#pragma once
#include <string>
#include <vector>

#include "acuroi/report/meta_plots.hpp"
#include "acuroi/report/svg.hpp"

namespace acuroi::report::detail {

// "%.17g": the exact double, for data-* attributes tests read back.
std::string exact_number(double value);

struct ForestLayout {
  double row_height = 24, top = 40, left = 180, right = 620, width = 820;
  double height = 0;  // set by the caller from its row count
  LinearScale x{0, 1, 180, 620};
  double max_weight = 0;
};

// x scale over 0, every row's estimate and CI and the given extra values (diamonds, intervals).
ForestLayout forest_layout(const std::vector<const ForestRow*>& rows, const std::vector<double>& extra,
                           double row_count);

// Title, column headings, opens g.plot-area (data-x-min/max, data-px-min/max) and the null line.
void open_forest(Svg& svg, const ForestLayout& layout, const std::string& title);
void study_row(Svg& svg, const ForestLayout& layout, const ForestRow& row, double y);
// A diamond from ci_lower to ci_upper with its centre at estimate, and the estimate [CI] text.
void forest_diamond(Svg& svg, const ForestLayout& layout, double y, double estimate, double ci_lower,
                    double ci_upper, const std::string& css_class, const std::string& colour, bool bold);
// The overall row: label, prediction interval, pooled diamond.
void pooled_row(Svg& svg, const ForestLayout& layout, const ForestPooled& pooled, double y);

}  // namespace acuroi::report::detail
