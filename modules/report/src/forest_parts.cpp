#include "forest_parts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "plot_range.hpp"

namespace acuroi::report::detail {

std::string exact_number(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

ForestLayout forest_layout(const std::vector<const ForestRow*>& rows, const std::vector<double>& extra,
                           double row_count) {
  ForestLayout l;
  l.height = l.top + l.row_height * row_count + 50;
  Range range;
  range.add(0.0);
  for (const ForestRow* r : rows) {
    range.add(r->ci_lower);
    range.add(r->ci_upper);
    range.add(r->estimate);
    if (std::isfinite(r->weight_percent)) l.max_weight = std::max(l.max_weight, r->weight_percent);
  }
  for (double v : extra) range.add(v);
  const auto [lo, hi] = range.padded();
  l.x = LinearScale{lo, hi, l.left, l.right};
  return l;
}

void open_forest(Svg& svg, const ForestLayout& l, const std::string& title) {
  svg.text(10, 22, title, "start", 14, "font-weight=\"bold\"");
  svg.text(l.right + 10, l.top - 8, "Estimate [95% CI]", "start", 11);
  svg.text(l.width - 10, l.top - 8, "Weight", "end", 11);
  svg.open_group("class=\"plot-area\" data-x-min=\"" + exact_number(l.x.data_min) + "\" data-x-max=\"" +
                 exact_number(l.x.data_max) + "\" data-px-min=\"" + exact_number(l.left) +
                 "\" data-px-max=\"" + exact_number(l.right) + "\"");
  svg.line(l.x(0), l.top - 4, l.x(0), l.height - 50, "#999999", 1,
           "stroke-dasharray=\"4 3\" class=\"null-line\"");
}

void study_row(Svg& svg, const ForestLayout& l, const ForestRow& r, double y) {
  svg.open_group("class=\"study-row\" data-estimate=\"" + exact_number(r.estimate) + "\"");
  svg.text(10, y + 4, r.label, "start", 12);
  if (std::isfinite(r.ci_lower) && std::isfinite(r.ci_upper))
    svg.line(l.x(r.ci_lower), y, l.x(r.ci_upper), y, okabe_ito(0), 1.2, "class=\"ci\"");
  const double w = std::isfinite(r.weight_percent) && l.max_weight > 0 ? r.weight_percent : 0;
  const double side = 4 + 12 * std::sqrt(l.max_weight > 0 ? w / l.max_weight : 0);
  svg.rect(l.x(r.estimate) - side / 2, y - side / 2, side, side, okabe_ito(5), "class=\"weight-box\"");
  svg.text(l.right + 10, y + 4,
           format_number(r.estimate) + " [" + format_number(r.ci_lower) + ", " + format_number(r.ci_upper) + "]",
           "start", 11);
  svg.text(l.width - 10, y + 4, format_number(r.weight_percent) + "%", "end", 11);
  svg.close_group();
}

void forest_diamond(Svg& svg, const ForestLayout& l, double y, double estimate, double ci_lower, double ci_upper,
                    const std::string& css_class, const std::string& colour, bool bold) {
  const std::string points = point(l.x(ci_lower), y) + point(l.x(estimate), y - 8) + point(l.x(ci_upper), y) +
                             point(l.x(estimate), y + 8);
  svg.polygon(points, colour,
              "class=\"" + css_class + "\" stroke=\"#000000\" data-estimate=\"" + exact_number(estimate) +
                  "\" data-ci-lb=\"" + exact_number(ci_lower) + "\" data-ci-ub=\"" + exact_number(ci_upper) + "\"");
  svg.text(l.right + 10, y + 4,
           format_number(estimate) + " [" + format_number(ci_lower) + ", " + format_number(ci_upper) + "]", "start",
           11, bold ? "font-weight=\"bold\"" : "");
}

void pooled_row(Svg& svg, const ForestLayout& l, const ForestPooled& pooled, double y) {
  svg.text(10, y + 4, "Pooled (random effects)", "start", 12, "font-weight=\"bold\"");
  if (std::isfinite(pooled.pi_lower) && std::isfinite(pooled.pi_upper))
    svg.line(l.x(pooled.pi_lower), y, l.x(pooled.pi_upper), y, okabe_ito(6), 2,
             "class=\"prediction-interval\" stroke-dasharray=\"6 3\"");
  forest_diamond(svg, l, y, pooled.estimate, pooled.ci_lower, pooled.ci_upper, "pooled-diamond", okabe_ito(1), true);
}

}  // namespace acuroi::report::detail
