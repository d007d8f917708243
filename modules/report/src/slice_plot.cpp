#include <algorithm>
#include <cmath>

#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"
#include "plot_range.hpp"

namespace acuroi::report {
namespace {
std::string grey(double fraction) {
  const int v = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 255));
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", v, v, v);
  return buffer;
}
}  // namespace

std::string slice_overlay(const std::string& title, const Slice& slice, double cell_px,
                          const std::vector<std::string>& roi_names) {
  const double legend_width = 160;
  const double width = slice.columns * cell_px + legend_width, top = 24;
  const double height = std::max(top + slice.rows * cell_px + 8, top + 18.0 * static_cast<double>(roi_names.size()) + 8);
  detail::Range range;
  for (double v : slice.intensity) range.add(v);
  const auto [lo, hi] = range.padded(0.0);
  Svg svg(width, height, title);
  svg.text(4, 16, title, "start", 12, "font-weight=\"bold\"");
  svg.open_group("class=\"slice\" shape-rendering=\"crispEdges\"");
  for (int r = 0; r < slice.rows; ++r) {
    for (int c = 0; c < slice.columns; ++c) {
      const std::size_t i = static_cast<std::size_t>(r) * static_cast<std::size_t>(slice.columns) + static_cast<std::size_t>(c);
      const double v = slice.intensity[i];
      if (!std::isfinite(v) || v <= lo) continue;  // background stays white
      svg.rect(c * cell_px, top + r * cell_px, cell_px, cell_px, grey((v - lo) / (hi - lo)));
    }
  }
  svg.close_group();
  svg.open_group("class=\"overlay\" shape-rendering=\"crispEdges\" fill-opacity=\"0.85\"");
  for (int r = 0; r < slice.rows; ++r) {
    for (int c = 0; c < slice.columns; ++c) {
      const std::size_t i = static_cast<std::size_t>(r) * static_cast<std::size_t>(slice.columns) + static_cast<std::size_t>(c);
      if (slice.label[i] > 0)
        svg.rect(c * cell_px, top + r * cell_px, cell_px, cell_px, okabe_ito(slice.label[i]),
                 "class=\"roi-cell\"");
    }
  }
  svg.close_group();
  for (std::size_t k = 0; k < roi_names.size(); ++k) {
    const double y = top + 18.0 * static_cast<double>(k);
    svg.rect(slice.columns * cell_px + 8, y, 12, 12, okabe_ito(static_cast<int>(k) + 1));
    svg.text(slice.columns * cell_px + 24, y + 10, roi_names[k], "start", 11);
  }
  return svg.str();
}

}  // namespace acuroi::report
