#include <cmath>

#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"
#include "plot_range.hpp"

namespace acuroi::report {

std::string fd_trace(const std::string& title, const std::vector<double>& fd_mm,
                     const std::vector<int>& kept, double threshold_mm, double tr_seconds) {
  const double width = 640, height = 220, left = 70, right = 620, top = 30, bottom = 170;
  const double tr = tr_seconds > 0 ? tr_seconds : 1.0;
  detail::Range yr;
  yr.add(0.0);
  yr.add(threshold_mm * 1.2);
  for (double v : fd_mm) yr.add(v);
  const LinearScale x{0, std::max(1.0, static_cast<double>(fd_mm.size()) * tr), left, right};
  const LinearScale y{0, yr.padded().second, bottom, top};
  Svg svg(width, height, title);
  svg.text(10, 18, title, "start", 13, "font-weight=\"bold\"");
  for (std::size_t i = 0; i < kept.size() && i < fd_mm.size(); ++i) {
    if (kept[i] == 0)
      svg.rect(x(static_cast<double>(i) * tr), top, std::max(1.0, x(tr) - x(0)), bottom - top,
               "#dddddd", "class=\"censored\"");
  }
  std::string points;
  for (std::size_t i = 0; i < fd_mm.size(); ++i)
    if (std::isfinite(fd_mm[i])) points += detail::point(x(static_cast<double>(i) * tr), y(fd_mm[i]));
  svg.polyline(points, okabe_ito(5), 1.2, "class=\"fd\"");
  svg.line(left, y(threshold_mm), right, y(threshold_mm), okabe_ito(6), 1.5,
           "class=\"threshold\" stroke-dasharray=\"5 3\"");
  svg.text(right, y(threshold_mm) - 4, "threshold " + format_number(threshold_mm) + " mm", "end", 10);
  svg.x_axis(x, bottom, "time (s)");
  svg.y_axis(y, left, "FD (mm)");
  return svg.str();
}

std::string funnel_plot(const std::string& title, const std::vector<double>& yi,
                        const std::vector<double>& sei, double pooled,
                        const std::string& effect_label) {
  const double width = 520, height = 380, left = 80, right = 500, top = 30, bottom = 320;
  double max_se = 0;
  for (double s : sei) if (std::isfinite(s)) max_se = std::max(max_se, s);
  if (max_se <= 0) max_se = 1;
  max_se *= 1.1;
  detail::Range xr;
  xr.add(pooled - 1.96 * max_se);
  xr.add(pooled + 1.96 * max_se);
  for (double v : yi) xr.add(v);
  const auto [lo, hi] = xr.padded();
  const LinearScale x{lo, hi, left, right};
  const LinearScale y{0, max_se, top, bottom};  // SE 0 at the top
  Svg svg(width, height, title);
  svg.text(10, 18, title, "start", 13, "font-weight=\"bold\"");
  svg.polygon(detail::point(x(pooled), y(0)) + detail::point(x(pooled - 1.96 * max_se), y(max_se)) +
                  detail::point(x(pooled + 1.96 * max_se), y(max_se)),
              "#eeeeee", "class=\"pseudo-ci\" stroke=\"#999999\"");
  svg.line(x(pooled), top, x(pooled), bottom, okabe_ito(1), 1.5, "class=\"pooled-line\"");
  for (std::size_t i = 0; i < yi.size() && i < sei.size(); ++i)
    if (std::isfinite(yi[i]) && std::isfinite(sei[i]))
      svg.circle(x(yi[i]), y(sei[i]), 4, okabe_ito(5), "class=\"study-point\"");
  svg.x_axis(x, bottom, effect_label);
  svg.y_axis(y, left, "standard error");
  return svg.str();
}

}  // namespace acuroi::report
