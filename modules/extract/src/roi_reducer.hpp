// Internal: per-volume reduction of one frame into all ROIs, with coverage bookkeeping and the
// optional ROI-voxel series.
//
// Layout: every (voxel, ROI) membership inside the mask is one entry of a list sorted by voxel
// (then ROI), so a volume is read in one forward sweep (cache- and prefetch-friendly), whatever
// the number of ROIs or their overlap. Each ROI still sees its voxels in ascending order, so its
// accumulation order is fixed: the same bits at any thread count.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <vector>

#include "acuroi/extract/extract.hpp"

namespace acuroi::extract::detail {

class RoiReducer {
 public:
  // `in_mask` has one entry per grid voxel (nonzero = inside), or is empty for "no mask".
  RoiReducer(const roi::RoiMap& rois, const std::vector<std::uint8_t>& in_mask,
             ReductionStrategy strategy, bool keep_voxel_series, std::int64_t volume_count);

  // Reduces `frame` (one volume, NIfTI order) into row `t` of `values` (T x R). Volumes must come
  // in order t = 0, 1, 2, ...
  void reduce_volume(std::span<const float> frame, std::int64_t t, Eigen::MatrixXd& values);

  // After the last volume: per ROI, the voxels inside the mask that were finite in every volume.
  std::vector<std::int64_t> usable_voxel_counts() const;
  // After the last volume (`volumes` reduced): per ROI, the usable voxels' series (moved out).
  std::vector<RoiVoxelSeries> take_voxel_series(std::int64_t volumes);

 private:
  struct Membership {
    std::uint32_t voxel;  // linear index on the grid
    std::uint32_t roi;
    std::uint32_t column;  // rank of the voxel within its ROI's candidates
  };
  struct Accumulator {
    double sum = 0.0;
    std::int64_t count = 0;
    float low = 0.0f, high = 0.0f;
  };
  static constexpr std::int64_t kStagedVolumes = 16;

  // A maximal stretch of consecutive memberships of one ROI (typically a row segment along i).
  struct Run {
    std::uint32_t roi, begin, end;
  };

  template <ReductionStrategy S>
  void sweep_one_pass(std::span<const float> frame);
  void sort_members_by_voxel(std::size_t voxel_count);
  void sweep_into_buffers(std::span<const float> frame);
  void stage_voxel_values(std::span<const float> frame, std::int64_t t);
  void flush_staging(std::size_t roi, std::int64_t first_volume, std::int64_t volumes);

  ReductionStrategy strategy_;
  bool keep_voxel_series_;
  std::vector<Membership> members_;                // sorted by (voxel, roi)
  std::vector<std::uint32_t> member_voxels_;       // members_[p].voxel, compact for the sweep
  std::vector<Run> runs_;                          // members_ cut into same-ROI stretches
  std::vector<std::uint8_t> non_finite_seen_;      // per membership
  std::vector<std::int64_t> candidate_count_;      // per ROI
  std::vector<Accumulator> accumulators_;          // per ROI, one-pass strategies
  std::vector<std::vector<float>> finite_values_;  // per ROI, median/std/var
  std::vector<Eigen::MatrixXf> series_;            // per ROI, T x candidates (keep_voxel_series)
  std::vector<std::vector<float>> staging_;        // per ROI, kStagedVolumes x candidates row-major
};

}  // namespace acuroi::extract::detail
