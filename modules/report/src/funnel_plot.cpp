#include <cmath>

#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"
#include "forest_parts.hpp"
#include "plot_range.hpp"

namespace acuroi::report {
namespace {

// The point's exact values (pixel coordinates are written to 0.01 px).
std::string data_point(double yi, double sei) {
  return " data-yi=\"" + detail::exact_number(yi) + "\" data-sei=\"" + detail::exact_number(sei) + "\"";
}

bool has_trim_fill(const FunnelTrimFill& t) { return !t.filled_yi.empty() || std::isfinite(t.estimate); }

void legend(Svg& svg, double y, const FunnelTrimFill& t) {
  svg.open_group("class=\"legend\"");
  svg.circle(90, y - 4, 4, okabe_ito(5));
  svg.text(100, y, "observed study", "start", 11);
  svg.circle(210, y - 4, 4, "none", "stroke=\"" + okabe_ito(6) + "\" stroke-width=\"1.5\"");
  svg.text(220, y, "filled by trim-and-fill (k0 = " + std::to_string(t.filled_yi.size()) + ")", "start", 11);
  svg.line(80, y + 14, 100, y + 14, okabe_ito(1), 1.5);
  svg.text(105, y + 18, "pooled", "start", 11);
  svg.line(210, y + 14, 230, y + 14, okabe_ito(6), 1.5, "stroke-dasharray=\"6 3\"");
  svg.text(235, y + 18, "trim-and-fill estimate" + (t.side.empty() ? "" : " (missing on the " + t.side + ")"),
           "start", 11);
  svg.close_group();
}

}  // namespace

std::string funnel_plot(const std::string& title, const std::vector<double>& yi,
                        const std::vector<double>& sei, double pooled,
                        const std::string& effect_label) {
  return funnel_plot(title, yi, sei, pooled, effect_label, FunnelTrimFill{});
}

std::string funnel_plot(const std::string& title, const std::vector<double>& yi,
                        const std::vector<double>& sei, double pooled,
                        const std::string& effect_label, const FunnelTrimFill& trim_fill) {
  const bool with_fill = has_trim_fill(trim_fill);
  const double width = 520, height = with_fill ? 420 : 380, left = 80, right = 500, top = 30, bottom = 320;
  double max_se = 0;
  for (const auto* list : {&sei, &trim_fill.filled_sei})
    for (double s : *list) if (std::isfinite(s)) max_se = std::max(max_se, s);
  if (max_se <= 0) max_se = 1;
  max_se *= 1.1;
  detail::Range xr;
  xr.add(pooled - 1.96 * max_se);
  xr.add(pooled + 1.96 * max_se);
  for (double v : yi) xr.add(v);
  for (double v : trim_fill.filled_yi) xr.add(v);
  xr.add(trim_fill.estimate);
  const auto [lo, hi] = xr.padded();
  const LinearScale x{lo, hi, left, right};
  const LinearScale y{0, max_se, top, bottom};  // SE 0 at the top
  using detail::exact_number;
  Svg svg(width, height, title);
  svg.text(10, 18, title, "start", 13, "font-weight=\"bold\"");
  svg.open_group("class=\"plot-area\" data-x-min=\"" + exact_number(lo) + "\" data-x-max=\"" + exact_number(hi) +
                 "\" data-px-min=\"" + exact_number(left) + "\" data-px-max=\"" + exact_number(right) +
                 "\" data-y-min=\"0\" data-y-max=\"" + exact_number(max_se) + "\" data-py-min=\"" +
                 exact_number(top) + "\" data-py-max=\"" + exact_number(bottom) + "\"");
  svg.polygon(detail::point(x(pooled), y(0)) + detail::point(x(pooled - 1.96 * max_se), y(max_se)) +
                  detail::point(x(pooled + 1.96 * max_se), y(max_se)),
              "#eeeeee", "class=\"pseudo-ci\" stroke=\"#999999\"");
  svg.line(x(pooled), top, x(pooled), bottom, okabe_ito(1), 1.5, "class=\"pooled-line\"");
  if (std::isfinite(trim_fill.estimate))
    svg.line(x(trim_fill.estimate), top, x(trim_fill.estimate), bottom, okabe_ito(6), 1.5,
             "class=\"trimfill-estimate\" stroke-dasharray=\"6 3\" data-estimate=\"" +
                 exact_number(trim_fill.estimate) + "\"");
  for (std::size_t i = 0; i < yi.size() && i < sei.size(); ++i)
    if (std::isfinite(yi[i]) && std::isfinite(sei[i]))
      svg.circle(x(yi[i]), y(sei[i]), 4, okabe_ito(5),
                 "class=\"study-point\"" + data_point(yi[i], sei[i]));
  for (std::size_t i = 0; i < trim_fill.filled_yi.size() && i < trim_fill.filled_sei.size(); ++i)
    if (std::isfinite(trim_fill.filled_yi[i]) && std::isfinite(trim_fill.filled_sei[i]))
      svg.circle(x(trim_fill.filled_yi[i]), y(trim_fill.filled_sei[i]), 4, "none",
                 "class=\"filled-study\" stroke=\"" + okabe_ito(6) + "\" stroke-width=\"1.5\"" +
                     data_point(trim_fill.filled_yi[i], trim_fill.filled_sei[i]));
  svg.close_group();
  svg.x_axis(x, bottom, effect_label);
  svg.y_axis(y, left, "standard error");
  if (with_fill) legend(svg, 384, trim_fill);
  return svg.str();
}

}  // namespace acuroi::report
