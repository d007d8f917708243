#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"
#include "forest_parts.hpp"

namespace acuroi::report {

std::string forest_plot(const std::string& title, const std::vector<ForestRow>& rows,
                        const ForestPooled& pooled, const std::string& effect_label) {
  std::vector<const ForestRow*> all;
  for (const auto& r : rows) all.push_back(&r);
  const auto layout = detail::forest_layout(
      all, {pooled.estimate, pooled.ci_lower, pooled.ci_upper, pooled.pi_lower, pooled.pi_upper},
      static_cast<double>(rows.size()) + 2.5);
  Svg svg(layout.width, layout.height, title);
  detail::open_forest(svg, layout, title);
  for (std::size_t i = 0; i < rows.size(); ++i)
    detail::study_row(svg, layout, rows[i], layout.top + layout.row_height * (static_cast<double>(i) + 0.5));
  detail::pooled_row(svg, layout, pooled, layout.top + layout.row_height * (static_cast<double>(rows.size()) + 1));
  svg.close_group();
  svg.x_axis(layout.x, layout.height - 50, effect_label);
  return svg.str();
}

}  // namespace acuroi::report
