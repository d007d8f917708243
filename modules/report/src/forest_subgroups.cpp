// Forest plot by subgroup: per level a heading, its studies and its own diamond, then the overall
// diamond and the test of subgroup differences.
#include <cmath>

#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"
#include "forest_parts.hpp"

namespace acuroi::report {

std::string forest_plot_subgroups(const std::string& title, const std::string& moderator,
                                  const std::vector<ForestSubgroup>& groups, const ForestPooled& pooled,
                                  const std::string& effect_label, const std::string& test_line) {
  std::vector<const ForestRow*> all;
  std::vector<double> extra{pooled.estimate, pooled.ci_lower, pooled.ci_upper, pooled.pi_lower, pooled.pi_upper};
  double row_count = 2.5 + (test_line.empty() ? 0 : 1);
  for (const auto& g : groups) {
    for (const auto& r : g.rows) all.push_back(&r);
    extra.insert(extra.end(), {g.estimate, g.ci_lower, g.ci_upper});
    row_count += static_cast<double>(g.rows.size()) + (g.in_analysis ? 2.5 : 1.5);
  }
  const auto layout = detail::forest_layout(all, extra, row_count);
  Svg svg(layout.width, layout.height, title);
  detail::open_forest(svg, layout, title);
  double row = 0;  // rows used so far
  auto y_of = [&](double r) { return layout.top + layout.row_height * (r + 0.5); };
  for (const auto& g : groups) {
    const std::string css = g.in_analysis ? "subgroup-heading" : "subgroup-left-out";
    svg.open_group("class=\"" + css + "\" data-moderator=\"" + escape_xml(moderator) + "\" data-level=\"" +
                   escape_xml(g.level) + "\"");
    svg.text(10, y_of(row) + 4,
             g.in_analysis ? moderator + ": " + g.level : "without " + moderator + " (not in the subgroup analysis)",
             "start", 12, "font-weight=\"bold\" font-style=\"italic\"");
    svg.close_group();
    row += 1;
    for (const auto& r : g.rows) detail::study_row(svg, layout, r, y_of(row++));
    if (g.in_analysis) {
      svg.text(30, y_of(row) + 4, "Subgroup " + g.level + " (k = " + std::to_string(g.rows.size()) + ")", "start",
               11, "class=\"subgroup-label\"");
      if (std::isfinite(g.estimate))
        detail::forest_diamond(svg, layout, y_of(row), g.estimate, g.ci_lower, g.ci_upper, "subgroup-diamond",
                               okabe_ito(2), false);
      row += 1;
    }
    row += 0.5;
  }
  const double yp = y_of(row + 0.5);
  detail::pooled_row(svg, layout, pooled, yp);
  svg.close_group();
  if (!test_line.empty())
    svg.text(10, yp + layout.row_height + 4, test_line, "start", 11, "class=\"subgroup-test\"");
  svg.x_axis(layout.x, layout.height - 50, effect_label);
  return svg.str();
}

}  // namespace acuroi::report
