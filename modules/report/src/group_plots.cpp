#include <cmath>

#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"
#include "plot_range.hpp"

namespace acuroi::report {

std::string paired_lines(const std::string& title, const std::vector<PairedArm>& arms,
                         const std::string& value_label) {
  const double panel = 200, left = 80, top = 40, bottom = 230;
  const double width = left + panel * static_cast<double>(std::max<std::size_t>(arms.size(), 1)) + 20;
  detail::Range yr;
  for (const auto& a : arms) {
    for (double v : a.pre) yr.add(v);
    for (double v : a.post) yr.add(v);
  }
  const auto [lo, hi] = yr.padded(0.08);
  const LinearScale y{lo, hi, bottom, top};
  Svg svg(width, 290, title);
  svg.text(10, 18, title, "start", 13, "font-weight=\"bold\"");
  svg.open_group("class=\"plot-area\" " + scale_attributes('y', y));
  for (std::size_t k = 0; k < arms.size(); ++k) {
    const auto& a = arms[k];
    const double x_pre = left + panel * static_cast<double>(k) + 40, x_post = x_pre + panel - 80;
    const std::string colour = roi_colour(static_cast<int>(k));  // distinct for any number of arms
    svg.open_group("class=\"arm\" data-arm=\"" + escape_xml(a.arm) + "\" data-x-pre=\"" +
                   format_exact(x_pre) + "\" data-x-post=\"" + format_exact(x_post) + "\"");
    svg.text((x_pre + x_post) / 2, top - 8, a.arm, "middle", 12);
    for (std::size_t i = 0; i < a.pre.size() && i < a.post.size(); ++i) {
      if (!std::isfinite(a.pre[i]) || !std::isfinite(a.post[i])) continue;
      svg.line(x_pre, y(a.pre[i]), x_post, y(a.post[i]), colour, 1.5, "class=\"pair\"");
      svg.circle(x_pre, y(a.pre[i]), 3, colour);
      svg.circle(x_post, y(a.post[i]), 3, colour);
    }
    svg.text(x_pre, bottom + 18, "pre", "middle", 11);
    svg.text(x_post, bottom + 18, "post", "middle", 11);
    svg.close_group();
  }
  svg.close_group();
  svg.y_axis(y, left, value_label);
  svg.text(left + 10, 280, "session", "start", 12, "class=\"axis-label\"");
  return svg.str();
}

std::string effect_plot(const std::string& title, const std::vector<EffectRow>& rows,
                        const std::string& effect_label) {
  const double row_height = 22, top = 36, left = 200, right = 560;
  const double height = top + row_height * static_cast<double>(rows.size()) + 50;
  detail::Range xr;
  xr.add(0.0);
  for (const auto& r : rows) { xr.add(r.estimate); xr.add(r.ci_lower); xr.add(r.ci_upper); }
  const auto [lo, hi] = xr.padded();
  const LinearScale x{lo, hi, left, right};
  Svg svg(600, height, title);
  svg.text(10, 18, title, "start", 13, "font-weight=\"bold\"");
  const double bottom = height - 50;
  svg.open_group("class=\"plot-area\" " + scale_attributes('x', x));
  svg.line(x(0), top - 4, x(0), bottom, "#999999", 1, "stroke-dasharray=\"4 3\" class=\"null-line\"");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = top + row_height * (static_cast<double>(i) + 0.5);
    svg.open_group("class=\"effect-row\"");
    svg.text(10, y + 4, r.label, "start", 11);
    if (std::isfinite(r.ci_lower) && std::isfinite(r.ci_upper))
      svg.line(x(r.ci_lower), y, x(r.ci_upper), y, okabe_ito(0), 1.2, "class=\"ci\"");
    if (std::isfinite(r.estimate)) svg.circle(x(r.estimate), y, 4, okabe_ito(5), "class=\"estimate\"");
    svg.close_group();
  }
  svg.close_group();
  svg.x_axis(x, bottom, effect_label);
  return svg.str();
}

}  // namespace acuroi::report
