#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "acuroi/io/nifti.hpp"
#include "acuroi/participant/study_inputs.hpp"
#include "acuroi/report/plots.hpp"
#include "acuroi/roi/roi_map.hpp"
#include "sections.hpp"

namespace acuroi::report::detail {
namespace {

struct LabelledTemplate {
  core::Volume<float> image;
  std::vector<int> label;  // per voxel: 0 or ROI index + 1
  std::array<double, 3> lo{}, hi{}, centre{};  // world bounds and the ROIs' centroid (mm)
};

// World-space bounds of the grid's corner voxels.
void bounds(const core::Grid& g, std::array<double, 3>& lo, std::array<double, 3>& hi) {
  lo.fill(std::numeric_limits<double>::infinity());
  hi.fill(-std::numeric_limits<double>::infinity());
  for (int c = 0; c < 8; ++c) {
    const auto corner = [&](int bit, int a) { return (c & bit) ? static_cast<double>(g.dims[a] - 1) : 0.0; };
    const Eigen::Vector3d w = g.world_of(Eigen::Vector3d(corner(1, 0), corner(2, 1), corner(4, 2)));
    for (int a = 0; a < 3; ++a) { lo[a] = std::min(lo[a], w[a]); hi[a] = std::max(hi[a], w[a]); }
  }
}

// Samples the plane world[axis] = coordinate on a step-mm grid; rows run top (superior/anterior)
// to bottom, columns left to right in world coordinates (neurological convention, L on the left).
Slice sample(const LabelledTemplate& t, int axis, double coordinate, double step) {
  const int h = axis == 0 ? 1 : 0;     // horizontal world axis
  const int v = axis == 2 ? 1 : 2;     // vertical world axis
  Slice s;
  s.columns = static_cast<int>(std::floor((t.hi[h] - t.lo[h]) / step)) + 1;
  s.rows = static_cast<int>(std::floor((t.hi[v] - t.lo[v]) / step)) + 1;
  s.intensity.assign(static_cast<std::size_t>(s.rows * s.columns), std::nan(""));
  s.label.assign(s.intensity.size(), 0);
  const auto& g = t.image.grid;
  for (int r = 0; r < s.rows; ++r) {
    for (int c = 0; c < s.columns; ++c) {
      Eigen::Vector3d w;
      w[axis] = coordinate;
      w[h] = t.lo[h] + c * step;
      w[v] = t.hi[v] - r * step;
      const Eigen::Vector3d ijk = g.index_of(w);
      std::array<std::int64_t, 3> idx{};
      bool inside = true;
      for (int a = 0; a < 3; ++a) {
        idx[a] = std::llround(ijk[a]);
        inside = inside && idx[a] >= 0 && idx[a] < g.dims[a];
      }
      if (!inside) continue;
      const auto linear = static_cast<std::size_t>(g.linear_index(idx[0], idx[1], idx[2]));
      const auto i = static_cast<std::size_t>(r * s.columns + c);
      s.intensity[i] = t.image.data[linear];
      s.label[i] = t.label[linear];
    }
  }
  return s;
}

std::vector<std::vector<std::string>> coverage_rows(const ReportData& data, std::vector<std::string>& header) {
  std::vector<std::vector<std::string>> rows;
  if (data.participants.empty()) return rows;
  header = {"participant", "arm"};
  for (const auto& r : data.participants.front().rois) header.push_back(r.name);
  for (const auto& p : data.participants) {
    std::vector<std::string> row{"sub-" + p.participant_label, p.arm};
    for (std::size_t k = 0; k < p.rois.size(); ++k) {
      double lowest = std::numeric_limits<double>::infinity();
      for (const auto& run : p.runs)
        if (k < run.coverage.size()) lowest = std::min(lowest, run.coverage[k]);
      row.push_back(std::isfinite(lowest) ? fmt(lowest) : "n/a");
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

void add_overlay_section(ReportBuilder& out, const config::Config& config, const ReportData& data,
                         const ReportOptions& options) {
  out.html += "<section id=\"rois\"><h2>ROIs on the Colin27 template</h2>\n";
  if (!std::filesystem::exists(options.template_path)) {
    out.html += "<p class=\"note\">Template " + html_escape(options.template_path.string()) +
                " not found (Debian package mricron-data); no overlays drawn.</p>\n";
  } else {
    LabelledTemplate t;
    t.image = io::read_nifti_volume(options.template_path);
    const roi::RegionSet regions(participant::region_definitions(config.rois));
    const auto map = regions.map_to_grid(t.image.grid);
    t.label.assign(t.image.data.size(), 0);
    std::vector<std::string> drawn;
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    double count = 0;
    for (std::size_t k = 0; k < map->rois.size(); ++k) {
      const auto& defs = regions.definitions();
      if (k < defs.size() && std::holds_alternative<roi::UnionRegion>(defs[k].shape)) continue;  // drawn via members
      drawn.push_back(map->rois[k].name);
      for (auto v : map->rois[k].voxel_indices) {
        t.label[static_cast<std::size_t>(v)] = static_cast<int>(drawn.size());
        const std::int64_t i = v % t.image.grid.dims[0], rest = v / t.image.grid.dims[0];
        sum += t.image.grid.world_of(Eigen::Vector3d(double(i), double(rest % t.image.grid.dims[1]), double(rest / t.image.grid.dims[1])));
        count += 1;
      }
    }
    bounds(t.image.grid, t.lo, t.hi);
    for (int a = 0; a < 3; ++a) t.centre[a] = count > 0 ? sum[a] / count : 0.0;
    const std::array<const char*, 3> plane = {"sagittal", "coronal", "axial"};
    const std::array<const char*, 3> axis_name = {"x", "y", "z"};
    for (int axis : {2, 1, 0}) {
      const Slice s = sample(t, axis, t.centre[axis], options.overlay_step_mm);
      const std::string title = std::string(plane[axis]) + " slice, " + axis_name[axis] + " = " +
                                fmt(std::round(t.centre[axis])) +
                                (axis == 0 ? " mm (Colin27, anterior on the right)"
                                           : " mm (Colin27, L on the left)");
      out.add_figure(std::string("overlay_") + plane[axis], "overlay",
                     slice_overlay(title, s, 4.0, drawn),
                     std::string("ROIs on a ") + plane[axis] + " slice of ch2better, " +
                         fmt(options.overlay_step_mm) + " mm cells");
    }
  }
  std::vector<std::string> header;
  const auto rows = coverage_rows(data, header);
  out.html += "<h3>Coverage per ROI (lowest over runs; fraction of ROI voxels in the brain mask "
              "with data)</h3>\n" + html_table(header, rows, "coverage") + "</section>\n";
}

}  // namespace acuroi::report::detail
