#include <cmath>
#include <cstdio>

#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"
#include "plot_range.hpp"

namespace acuroi::report {
namespace {
std::string exact(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}
}  // namespace

std::string forest_plot(const std::string& title, const std::vector<ForestRow>& rows,
                        const ForestPooled& pooled, const std::string& effect_label) {
  const double row_height = 24, top = 40, left = 180, right = 620, width = 820;
  const double height = top + row_height * (static_cast<double>(rows.size()) + 2.5) + 50;
  detail::Range range;
  range.add(0.0);
  for (const auto& r : rows) { range.add(r.ci_lower); range.add(r.ci_upper); range.add(r.estimate); }
  for (double v : {pooled.estimate, pooled.ci_lower, pooled.ci_upper, pooled.pi_lower, pooled.pi_upper})
    range.add(v);
  const auto [lo, hi] = range.padded();
  const LinearScale x{lo, hi, left, right};
  double max_weight = 0;
  for (const auto& r : rows) max_weight = std::max(max_weight, std::isfinite(r.weight_percent) ? r.weight_percent : 0);

  Svg svg(width, height, title);
  svg.text(10, 22, title, "start", 14, "font-weight=\"bold\"");
  svg.text(right + 10, top - 8, "Estimate [95% CI]", "start", 11);
  svg.text(width - 10, top - 8, "Weight", "end", 11);
  svg.open_group("class=\"plot-area\" data-x-min=\"" + exact(lo) + "\" data-x-max=\"" + exact(hi) +
                 "\" data-px-min=\"" + exact(left) + "\" data-px-max=\"" + exact(right) + "\"");
  const double bottom = height - 50;
  svg.line(x(0), top - 4, x(0), bottom, "#999999", 1, "stroke-dasharray=\"4 3\" class=\"null-line\"");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = top + row_height * (static_cast<double>(i) + 0.5);
    svg.open_group("class=\"study-row\" data-estimate=\"" + exact(r.estimate) + "\"");
    svg.text(10, y + 4, r.label, "start", 12);
    if (std::isfinite(r.ci_lower) && std::isfinite(r.ci_upper))
      svg.line(x(r.ci_lower), y, x(r.ci_upper), y, okabe_ito(0), 1.2, "class=\"ci\"");
    const double w = std::isfinite(r.weight_percent) && max_weight > 0 ? r.weight_percent : 0;
    const double side = 4 + 12 * std::sqrt(max_weight > 0 ? w / max_weight : 0);
    svg.rect(x(r.estimate) - side / 2, y - side / 2, side, side, okabe_ito(5), "class=\"weight-box\"");
    svg.text(right + 10, y + 4,
             format_number(r.estimate) + " [" + format_number(r.ci_lower) + ", " +
                 format_number(r.ci_upper) + "]", "start", 11);
    svg.text(width - 10, y + 4, format_number(r.weight_percent) + "%", "end", 11);
    svg.close_group();
  }
  const double yp = top + row_height * (static_cast<double>(rows.size()) + 1);
  svg.text(10, yp + 4, "Pooled (random effects)", "start", 12, "font-weight=\"bold\"");
  if (std::isfinite(pooled.pi_lower) && std::isfinite(pooled.pi_upper))
    svg.line(x(pooled.pi_lower), yp, x(pooled.pi_upper), yp, okabe_ito(6), 2,
             "class=\"prediction-interval\" stroke-dasharray=\"6 3\"");
  const std::string points = detail::point(x(pooled.ci_lower), yp) + detail::point(x(pooled.estimate), yp - 8) +
                             detail::point(x(pooled.ci_upper), yp) + detail::point(x(pooled.estimate), yp + 8);
  svg.polygon(points, okabe_ito(1), "class=\"pooled-diamond\" stroke=\"#000000\" data-estimate=\"" +
                                         exact(pooled.estimate) + "\"");
  svg.text(right + 10, yp + 4,
           format_number(pooled.estimate) + " [" + format_number(pooled.ci_lower) + ", " +
               format_number(pooled.ci_upper) + "]", "start", 11, "font-weight=\"bold\"");
  svg.close_group();
  svg.x_axis(x, bottom, effect_label);
  return svg.str();
}

}  // namespace acuroi::report
