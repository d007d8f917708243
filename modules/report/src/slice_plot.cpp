#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

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

// Pattern ids must be unique in the HTML page that inlines several overlays: prefix them with a
// hash (FNV-1a) of the title, which differs per figure.
std::string id_prefix(const std::string& title) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : title) h = (h ^ c) * 16777619u;
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "roi%08x", h);
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
  const std::string prefix = id_prefix(title);
  std::vector<std::string> fills;
  for (std::size_t k = 0; k < roi_names.size(); ++k)
    fills.push_back(svg.style_fill(roi_style(static_cast<int>(k)), prefix));
  const auto fill_of = [&](int label) {
    const auto k = static_cast<std::size_t>(label - 1);
    return k < fills.size() ? fills[k] : svg.style_fill(roi_style(label - 1), prefix);
  };
  svg.open_group("class=\"overlay\" shape-rendering=\"crispEdges\" fill-opacity=\"0.85\"");
  for (int r = 0; r < slice.rows; ++r) {
    for (int c = 0; c < slice.columns; ++c) {
      const std::size_t i = static_cast<std::size_t>(r) * static_cast<std::size_t>(slice.columns) + static_cast<std::size_t>(c);
      if (slice.label[i] > 0)
        svg.rect(c * cell_px, top + r * cell_px, cell_px, cell_px, fill_of(slice.label[i]),
                 "class=\"roi-cell\"");
    }
  }
  svg.close_group();
  for (std::size_t k = 0; k < roi_names.size(); ++k) {
    const double y = top + 18.0 * static_cast<double>(k);
    svg.rect(slice.columns * cell_px + 8, y, 12, 12, fills[k],
             "class=\"legend-swatch\" stroke=\"#333333\" stroke-width=\"0.5\" data-roi=\"" +
                 escape_xml(roi_names[k]) + "\"");
    svg.text(slice.columns * cell_px + 24, y + 10, roi_names[k], "start", 11);
  }
  return svg.str();
}

}  // namespace acuroi::report
