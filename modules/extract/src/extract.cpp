#include "acuroi/extract/extract.hpp"

#include <tbb/parallel_pipeline.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "acuroi/core/error.hpp"
#include "roi_reducer.hpp"

namespace acuroi::extract {

namespace {

std::vector<std::uint8_t> brain_mask_flags(const io::NiftiVolumeStream& bold,
                                           const core::Volume<float>* brain_mask,
                                           const ExtractionOptions& options) {
  if (!brain_mask) return {};
  if (!brain_mask->grid.same_as(bold.grid())) {
    const std::string mask_name =
        options.brain_mask_path.empty() ? "brain mask" : options.brain_mask_path.string();
    throw core::InputError(mask_name, "grid", brain_mask->grid.describe(),
                           "the brain mask is not on the grid of the BOLD run " +
                               bold.header().path.string() + " (" + bold.grid().describe() + ")");
  }
  std::vector<std::uint8_t> flags(brain_mask->data.size());
  for (std::size_t v = 0; v < flags.size(); ++v) {
    const float m = brain_mask->data[v];
    flags[v] = (std::isfinite(m) && m != 0.0f) ? 1 : 0;
  }
  return flags;
}

void check_inputs(const io::NiftiVolumeStream& bold, const roi::RoiMap& rois,
                  const ExtractionOptions& options) {
  if (!(options.min_coverage >= 0.0 && options.min_coverage <= 1.0)) {
    std::ostringstream value;
    value << options.min_coverage;
    throw core::ConfigError("min_coverage = '" + value.str() +
                            "': 'min_coverage' must be a fraction between 0 and 1");
  }
  if (!rois.grid.same_as(bold.grid())) {
    throw core::InputError(bold.header().path.string(), "grid", bold.grid().describe(),
                           "the ROIs were mapped onto another grid (" + rois.grid.describe() +
                               "); map them onto the BOLD grid");
  }
  if (bold.grid().voxel_count() > std::numeric_limits<std::uint32_t>::max()) {
    throw core::InputError(bold.header().path.string(), "dim",
                           std::to_string(bold.grid().voxel_count()),
                           "more voxels per volume than supported (2^32 - 1)");
  }
}

// Decoding volume t+1 overlaps reducing volume t: two frames in flight, each stage in order.
std::int64_t stream_and_reduce(io::NiftiVolumeStream& bold, detail::RoiReducer& reducer,
                               Eigen::MatrixXd& values) {
  const std::int64_t volumes = values.rows();
  const auto voxels = static_cast<std::size_t>(bold.grid().voxel_count());
  std::vector<float> frames[2] = {std::vector<float>(voxels), std::vector<float>(voxels)};
  std::int64_t read = 0, reduced = 0;
  const auto decode = [&](tbb::flow_control& control) -> std::vector<float>* {
    std::vector<float>* frame = &frames[read % 2];
    if (read >= volumes || !bold.read_next(*frame)) {
      control.stop();
      return nullptr;
    }
    ++read;
    return frame;
  };
  const auto reduce = [&](std::vector<float>* frame) {
    reducer.reduce_volume(*frame, reduced, values);
    ++reduced;
  };
  tbb::parallel_pipeline(
      2,
      tbb::make_filter<void, std::vector<float>*>(tbb::filter_mode::serial_in_order, decode) &
          tbb::make_filter<std::vector<float>*, void>(tbb::filter_mode::serial_in_order, reduce));
  return reduced;
}

std::string format_fraction(double x) {
  std::ostringstream s;
  s.precision(3);
  s << x;
  return s.str();
}

void finish_roi(RoiTimeSeries& out, std::size_t r, std::int64_t voxel_count, std::int64_t usable,
                double min_coverage) {
  out.voxel_count[r] = voxel_count;
  out.usable_voxel_count[r] = usable;
  out.coverage[r] = voxel_count > 0 ? static_cast<double>(usable) / voxel_count : 0.0;
  std::string reason;
  if (voxel_count == 0) {
    reason = "no voxels on this grid";
  } else if (usable == 0) {
    reason = "no voxel inside the brain mask with finite data in every volume";
  } else if (out.coverage[r] < min_coverage) {
    reason = "coverage " + format_fraction(out.coverage[r]) + " < min_coverage " +
             format_fraction(min_coverage);
  }
  if (!reason.empty()) {
    out.values.col(static_cast<Eigen::Index>(r))
        .setConstant(std::numeric_limits<double>::quiet_NaN());
  }
  out.nan_reason[r] = std::move(reason);
}

}  // namespace

RoiTimeSeries extract_roi_time_series(io::NiftiVolumeStream& bold, const roi::RoiMap& rois,
                                      const core::Volume<float>* brain_mask,
                                      const ExtractionOptions& options) {
  check_inputs(bold, rois, options);
  const std::vector<std::uint8_t> in_mask = brain_mask_flags(bold, brain_mask, options);
  const std::int64_t volumes = std::max<std::int64_t>(0, bold.volume_count() - bold.volumes_read());
  const std::size_t roi_count = rois.rois.size();

  RoiTimeSeries out;
  out.roi_names = rois.names();
  out.repetition_time_seconds = bold.header().repetition_time_seconds();
  out.strategy = options.strategy;
  out.min_coverage = options.min_coverage;
  out.values.resize(volumes, static_cast<Eigen::Index>(roi_count));

  detail::RoiReducer reducer(rois, in_mask, options.strategy, options.keep_voxel_series, volumes);
  const std::int64_t reduced = stream_and_reduce(bold, reducer, out.values);
  if (reduced < volumes) out.values.conservativeResize(reduced, Eigen::NoChange);

  out.voxel_count.resize(roi_count);
  out.usable_voxel_count.resize(roi_count);
  out.coverage.resize(roi_count);
  out.nan_reason.resize(roi_count);
  const std::vector<std::int64_t> usable = reducer.usable_voxel_counts();
  for (std::size_t r = 0; r < roi_count; ++r) {
    finish_roi(out, r, rois.rois[r].voxel_count(), usable[r], options.min_coverage);
  }
  if (options.keep_voxel_series) out.voxel_series = reducer.take_voxel_series(reduced);
  return out;
}

}  // namespace acuroi::extract
