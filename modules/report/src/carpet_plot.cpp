#include <algorithm>
#include <cmath>
#include <cstdio>

#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"

namespace acuroi::report {
namespace {

constexpr double kZLimit = 2.0;  // grey scale runs from -kZLimit (black) to +kZLimit (white)

bool is_kept(const std::vector<int>& kept, Eigen::Index volume) {
  const auto i = static_cast<std::size_t>(volume);
  return i >= kept.size() || kept[i] != 0;
}

// z-scores of column `roi` over the kept volumes (see qc_plots.hpp); sums in volume order.
std::vector<double> z_scores(const Eigen::MatrixXd& signals, Eigen::Index roi,
                             const std::vector<int>& kept) {
  const Eigen::Index volumes = signals.rows();
  std::vector<double> z(static_cast<std::size_t>(volumes), std::nan(""));
  double sum = 0;
  int count = 0;
  for (Eigen::Index t = 0; t < volumes; ++t)
    if (is_kept(kept, t) && std::isfinite(signals(t, roi))) { sum += signals(t, roi); ++count; }
  if (count < 2) return z;
  const double mean = sum / count;
  double squares = 0;
  for (Eigen::Index t = 0; t < volumes; ++t)
    if (is_kept(kept, t) && std::isfinite(signals(t, roi)))
      squares += (signals(t, roi) - mean) * (signals(t, roi) - mean);
  const double sd = std::sqrt(squares / (count - 1));
  if (!(sd > 0) || !std::isfinite(sd)) return z;
  for (Eigen::Index t = 0; t < volumes; ++t)
    if (std::isfinite(signals(t, roi))) z[static_cast<std::size_t>(t)] = (signals(t, roi) - mean) / sd;
  return z;
}

std::string grey_of_z(double z) {
  if (!std::isfinite(z)) return "#f4c7c3";  // no value: pale red
  const double fraction = (std::clamp(z, -kZLimit, kZLimit) + kZLimit) / (2 * kZLimit);
  const int v = static_cast<int>(std::lround(fraction * 255));
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", v, v, v);
  return buffer;
}

// A five-step grey key (z = -2 … +2) at the top right.
void draw_key(Svg& svg, double right, double y) {
  svg.open_group("class=\"carpet-key\"");
  for (int step = 0; step < 5; ++step) {
    const double z = -kZLimit + step * kZLimit / 2;
    svg.rect(right - 150 + step * 16, y, 16, 10, grey_of_z(z), "stroke=\"#999999\" stroke-width=\"0.5\"");
  }
  svg.text(right - 154, y + 9, "z " + format_number(-kZLimit), "end", 10);
  svg.text(right - 66, y + 9, format_number(kZLimit), "start", 10);
  svg.close_group();
}

}  // namespace

std::string carpet_plot(const std::string& title, const Eigen::MatrixXd& signals,
                        const std::vector<std::string>& roi_names, const std::vector<int>& kept,
                        double tr_seconds) {
  const Eigen::Index volumes = signals.rows(), rois = signals.cols();
  // Columns span x = 70..620 px as in fd_trace, unless ROI names need a wider left margin.
  std::size_t longest_name = 0;
  for (const auto& name : roi_names) longest_name = std::max(longest_name, name.size());
  const double left = std::max(70.0, 10 + 6.0 * static_cast<double>(longest_name)), right = left + 550;
  const double top = 30, tick_height = 6, row_height = 14;
  const double carpet_top = top + tick_height + 2;
  const double bottom = carpet_top + row_height * static_cast<double>(rois);
  const double tr = tr_seconds > 0 ? tr_seconds : 1.0;
  const LinearScale x{0, std::max(1.0, static_cast<double>(volumes) * tr), left, right};
  const double cell_width = x(tr) - x(0);
  Svg svg(right + 20, bottom + 50, title);
  svg.text(10, 18, title, "start", 13, "font-weight=\"bold\"");
  draw_key(svg, right, 8);
  svg.open_group("class=\"plot-area\" " + scale_attributes('x', x) + " data-tr=\"" + format_exact(tr) +
                 "\" data-volumes=\"" + std::to_string(volumes) + "\" data-rois=\"" +
                 std::to_string(rois) + "\" shape-rendering=\"crispEdges\"");
  for (Eigen::Index t = 0; t < volumes; ++t)
    if (!is_kept(kept, t))
      svg.rect(x(static_cast<double>(t) * tr), top, std::max(1.0, cell_width), tick_height, okabe_ito(6),
               "class=\"censored-volume\" data-volume=\"" + std::to_string(t) + "\"");
  for (Eigen::Index r = 0; r < rois; ++r) {
    const double y = carpet_top + row_height * static_cast<double>(r);
    const std::vector<double> z = z_scores(signals, r, kept);
    for (Eigen::Index t = 0; t < volumes; ++t) {
      const double value = z[static_cast<std::size_t>(t)];
      svg.rect(x(static_cast<double>(t) * tr), y, cell_width, row_height, grey_of_z(value),
               "class=\"carpet-cell\" data-roi=\"" + std::to_string(r) + "\" data-volume=\"" +
                   std::to_string(t) + "\" data-z=\"" + (std::isfinite(value) ? format_exact(value) : "nan") +
                   "\"");
    }
    const std::string name = static_cast<std::size_t>(r) < roi_names.size()
                                 ? roi_names[static_cast<std::size_t>(r)] : "ROI " + std::to_string(r + 1);
    svg.text(left - 4, y + row_height / 2 + 3.5, name, "end", 10,
             "class=\"roi-label\" data-roi=\"" + std::to_string(r) + "\"");
  }
  svg.close_group();
  svg.x_axis(x, bottom, "time (s)");
  return svg.str();
}

}  // namespace acuroi::report
