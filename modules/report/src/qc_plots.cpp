#include <algorithm>
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
  // Volume i is drawn at time i × TR (its onset); censored volumes as grey bands one TR wide.
  svg.open_group("class=\"plot-area\" " + scale_attributes('x', x) + " " + scale_attributes('y', y) +
                 " data-tr=\"" + format_exact(tr) + "\"");
  for (std::size_t i = 0; i < kept.size() && i < fd_mm.size(); ++i) {
    if (kept[i] == 0)
      svg.rect(x(static_cast<double>(i) * tr), top, std::max(1.0, x(tr) - x(0)), bottom - top,
               "#dddddd", "class=\"censored\" data-volume=\"" + std::to_string(i) + "\"");
  }
  std::string points;
  for (std::size_t i = 0; i < fd_mm.size(); ++i)
    if (std::isfinite(fd_mm[i])) points += detail::point(x(static_cast<double>(i) * tr), y(fd_mm[i]));
  svg.polyline(points, okabe_ito(5), 1.2, "class=\"fd\"");
  svg.line(left, y(threshold_mm), right, y(threshold_mm), okabe_ito(6), 1.5,
           "class=\"threshold\" stroke-dasharray=\"5 3\"");
  svg.close_group();
  svg.text(right, y(threshold_mm) - 4, "threshold " + format_number(threshold_mm) + " mm", "end", 10);
  svg.x_axis(x, bottom, "time (s)");
  svg.y_axis(y, left, "FD (mm)");
  return svg.str();
}

}  // namespace acuroi::report
