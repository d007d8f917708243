#include "roi_reducer.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace acuroi::extract::detail {

namespace {

// Median/std/var of all ROIs: worth spreading over threads only above this many values.
constexpr std::size_t kParallelThreshold = 32768;

bool needs_value_buffer(ReductionStrategy strategy) {
  return strategy == ReductionStrategy::median || strategy == ReductionStrategy::variance ||
         strategy == ReductionStrategy::standard_deviation;
}

}  // namespace

RoiReducer::RoiReducer(const roi::RoiMap& rois, const std::vector<std::uint8_t>& in_mask,
                       ReductionStrategy strategy, bool keep_voxel_series,
                       std::int64_t volume_count)
    : strategy_(strategy),
      keep_voxel_series_(keep_voxel_series),
      candidate_count_(rois.rois.size(), 0),
      accumulators_(rois.rois.size()),
      finite_values_(rois.rois.size()) {
  for (std::size_t r = 0; r < rois.rois.size(); ++r) {
    for (std::int64_t v : rois.rois[r].voxel_indices) {
      if (!in_mask.empty() && !in_mask[static_cast<std::size_t>(v)]) continue;
      const auto column = static_cast<std::uint32_t>(candidate_count_[r]++);
      members_.push_back({static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(r), column});
    }
    if (needs_value_buffer(strategy_)) finite_values_[r].reserve(candidate_count_[r]);
  }
  sort_members_by_voxel(static_cast<std::size_t>(rois.grid.voxel_count()));
  non_finite_seen_.assign(members_.size(), 0);
  member_voxels_.reserve(members_.size());
  for (std::size_t p = 0; p < members_.size(); ++p) {
    member_voxels_.push_back(members_[p].voxel);
    if (runs_.empty() || runs_.back().roi != members_[p].roi) {
      runs_.push_back(
          {members_[p].roi, static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p)});
    }
    runs_.back().end = static_cast<std::uint32_t>(p + 1);
  }
  if (keep_voxel_series_) {
    series_.resize(rois.rois.size());
    staging_.resize(rois.rois.size());
    for (std::size_t r = 0; r < rois.rois.size(); ++r) {
      series_[r].resize(volume_count, candidate_count_[r]);
      staging_[r].resize(static_cast<std::size_t>(kStagedVolumes * candidate_count_[r]));
    }
  }
}

// Orders the memberships by (voxel, ROI) with a stable counting sort: O(voxels + members) instead
// of a comparison sort. They were appended ROI by ROI, so a voxel's ROIs stay in ROI order.
void RoiReducer::sort_members_by_voxel(std::size_t voxel_count) {
  std::vector<std::uint32_t> next(voxel_count + 1, 0);
  for (const Membership& m : members_) ++next[m.voxel + 1];
  for (std::size_t v = 1; v <= voxel_count; ++v) next[v] += next[v - 1];
  std::vector<Membership> sorted(members_.size());
  for (const Membership& m : members_) sorted[next[m.voxel]++] = m;
  members_.swap(sorted);
}

// mean, sum, min, max: per-ROI accumulators in one forward sweep. Within a run the accumulator
// lives in registers; each ROI still adds its values in ascending voxel order (the same order
// as a plain loop over the ROI). A non-finite value adds 0.0 / leaves the extremum unchanged,
// which is bit-identical to skipping it.
template <ReductionStrategy S>
void RoiReducer::sweep_one_pass(std::span<const float> frame) {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  for (Accumulator& a : accumulators_) a = {0.0, 0, kInf, -kInf};
  const std::uint32_t* voxel = member_voxels_.data();
  const float* values = frame.data();
  std::uint8_t* non_finite = non_finite_seen_.data();
  for (const Run& run : runs_) {
    Accumulator& a = accumulators_[run.roi];
    double sum = a.sum;
    std::int64_t count = a.count;
    float low = a.low, high = a.high;
    std::int64_t finite_in_run = 0;
    for (std::uint32_t p = run.begin; p < run.end; ++p) {
      const float x = values[voxel[p]];
      const bool finite = std::isfinite(x);
      finite_in_run += finite;
      if constexpr (S == ReductionStrategy::minimum) {
        low = finite ? std::min(low, x) : low;
      } else if constexpr (S == ReductionStrategy::maximum) {
        high = finite ? std::max(high, x) : high;
      } else {
        sum += finite ? static_cast<double>(x) : 0.0;
      }
    }
    // Non-finite values are rare: flag them in a second pass only when the run had one, so the
    // common case writes nothing per voxel.
    if (finite_in_run != static_cast<std::int64_t>(run.end - run.begin)) {
      for (std::uint32_t p = run.begin; p < run.end; ++p)
        non_finite[p] |= static_cast<std::uint8_t>(!std::isfinite(values[voxel[p]]));
    }
    a = {sum, count + finite_in_run, low, high};
  }
}

void RoiReducer::sweep_into_buffers(std::span<const float> frame) {
  for (auto& buffer : finite_values_) buffer.clear();
  std::uint8_t* non_finite = non_finite_seen_.data();
  for (const Run& run : runs_) {
    std::vector<float>& buffer = finite_values_[run.roi];
    for (std::uint32_t p = run.begin; p < run.end; ++p) {
      const float x = frame[member_voxels_[p]];
      if (std::isfinite(x)) {
        buffer.push_back(x);
      } else {
        non_finite[p] = 1;
      }
    }
  }
}

void RoiReducer::reduce_volume(std::span<const float> frame, std::int64_t t,
                               Eigen::MatrixXd& values) {
  const std::size_t roi_count = accumulators_.size();
  if (!needs_value_buffer(strategy_)) {
    switch (strategy_) {
      case ReductionStrategy::minimum:
        sweep_one_pass<ReductionStrategy::minimum>(frame);
        break;
      case ReductionStrategy::maximum:
        sweep_one_pass<ReductionStrategy::maximum>(frame);
        break;
      default:
        sweep_one_pass<ReductionStrategy::sum>(frame);
        break;  // mean and sum
    }
    for (std::size_t r = 0; r < roi_count; ++r) {
      const Accumulator& a = accumulators_[r];
      double out = std::numeric_limits<double>::quiet_NaN();
      if (a.count > 0) {
        switch (strategy_) {
          case ReductionStrategy::mean:
            out = a.sum / static_cast<double>(a.count);
            break;
          case ReductionStrategy::minimum:
            out = a.low;
            break;
          case ReductionStrategy::maximum:
            out = a.high;
            break;
          default:
            out = a.sum;
            break;
        }
      }
      values(t, static_cast<Eigen::Index>(r)) = out;
    }
  } else {
    sweep_into_buffers(frame);
    const auto reduce_range = [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t r = range.begin(); r != range.end(); ++r) {
        values(t, static_cast<Eigen::Index>(r)) = reduce_values(strategy_, finite_values_[r]);
      }
    };
    const tbb::blocked_range<std::size_t> all(0, roi_count);
    if (members_.size() >= kParallelThreshold) {
      tbb::parallel_for(all, reduce_range);  // each ROI reduced by one task: deterministic
    } else {
      reduce_range(all);
    }
  }
  if (keep_voxel_series_) stage_voxel_values(frame, t);
}

void RoiReducer::stage_voxel_values(std::span<const float> frame, std::int64_t t) {
  const auto row = static_cast<std::size_t>(t % kStagedVolumes);
  for (const Membership& m : members_) {
    const auto width = static_cast<std::size_t>(candidate_count_[m.roi]);
    staging_[m.roi][row * width + m.column] = frame[m.voxel];
  }
  if (row == kStagedVolumes - 1) {
    for (std::size_t r = 0; r < staging_.size(); ++r)
      flush_staging(r, t - kStagedVolumes + 1, kStagedVolumes);
  }
}

// Moves `volumes` staged rows (volumes first_volume...) into the column-major series: each
// voxel's column receives a contiguous run, instead of one cache miss per voxel per volume.
void RoiReducer::flush_staging(std::size_t roi, std::int64_t first_volume, std::int64_t volumes) {
  const auto width = static_cast<std::size_t>(candidate_count_[roi]);
  Eigen::MatrixXf& series = series_[roi];
  for (std::size_t c = 0; c < width; ++c) {
    float* column = series.col(static_cast<Eigen::Index>(c)).data();
    for (std::int64_t s = 0; s < volumes; ++s) {
      const auto row = static_cast<std::size_t>((first_volume + s) % kStagedVolumes);
      column[first_volume + s] = staging_[roi][row * width + c];
    }
  }
}

std::vector<std::int64_t> RoiReducer::usable_voxel_counts() const {
  std::vector<std::int64_t> usable = candidate_count_;
  for (std::size_t p = 0; p < members_.size(); ++p) usable[members_[p].roi] -= non_finite_seen_[p];
  return usable;
}

std::vector<RoiVoxelSeries> RoiReducer::take_voxel_series(std::int64_t volumes) {
  const std::size_t roi_count = candidate_count_.size();
  // Per ROI and column: the voxel, and whether it stayed finite in every volume.
  std::vector<std::vector<std::int64_t>> voxel_of_column(roi_count);
  std::vector<std::vector<std::uint8_t>> bad_column(roi_count);
  for (std::size_t r = 0; r < roi_count; ++r) {
    voxel_of_column[r].resize(static_cast<std::size_t>(candidate_count_[r]));
    bad_column[r].resize(static_cast<std::size_t>(candidate_count_[r]));
  }
  for (std::size_t p = 0; p < members_.size(); ++p) {
    voxel_of_column[members_[p].roi][members_[p].column] = members_[p].voxel;
    bad_column[members_[p].roi][members_[p].column] = non_finite_seen_[p];
  }
  const std::int64_t staged = volumes % kStagedVolumes;
  std::vector<RoiVoxelSeries> all(roi_count);
  for (std::size_t r = 0; r < roi_count; ++r) {
    if (staged > 0) flush_staging(r, volumes - staged, staged);
    std::vector<Eigen::Index> keep;
    for (std::size_t c = 0; c < bad_column[r].size(); ++c) {
      if (bad_column[r][c]) continue;
      keep.push_back(static_cast<Eigen::Index>(c));
      all[r].voxel_indices.push_back(voxel_of_column[r][c]);
    }
    all[r].values.resize(volumes, static_cast<Eigen::Index>(keep.size()));
    for (std::size_t k = 0; k < keep.size(); ++k) {
      all[r].values.col(static_cast<Eigen::Index>(k)) = series_[r].col(keep[k]).head(volumes);
    }
    series_[r] = Eigen::MatrixXf();  // released ROI by ROI: peak stays near one copy
    staging_[r] = {};
  }
  return all;
}

}  // namespace acuroi::extract::detail
