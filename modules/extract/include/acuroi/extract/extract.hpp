// ROI time series from a BOLD run, streamed volume by volume: memory is two volumes (decoding
// volume t+1 overlaps reducing volume t) plus, when asked for, the ROI-voxel series; never the
// 4D image, whatever the run length.
//
// Per volume and ROI, the strategy reduces the ROI's voxels that are inside the brain mask
// (nonzero and finite mask value; all voxels when there is no mask) and finite in THAT volume;
// NaN/Inf voxels are left out, never counted as zeros.
// Per ROI:
//   voxel_count         voxels of the ROI on the BOLD grid (before masking)
//   usable_voxel_count  of those, inside the brain mask and finite in every volume
//   coverage            usable_voxel_count / voxel_count (0 when voxel_count is 0), as XCP-D
//   nan_reason          "" when the column is valid; otherwise the whole column is NaN and says
//                       why: "no voxels on this grid", "no voxel inside the brain mask with finite
//                       data in every volume", or "coverage 0.31 < min_coverage 0.5".
// ROI order is the RoiMap's (definition order); no ROI is ever dropped.
// Determinism: every ROI adds its values in ascending voxel order in double (median/std/var of
// one ROI are computed by one task), so the numbers are the same bits at any thread count.
//
//   io::NiftiVolumeStream bold("sub-01_bold.nii.gz");
//   auto rois = regions.map_to_grid(bold.grid());
//   RoiTimeSeries ts = extract_roi_time_series(bold, *rois, &mask, {.min_coverage = 0.5});
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/core/volume.hpp"
#include "acuroi/extract/strategy.hpp"
#include "acuroi/io/nifti.hpp"
#include "acuroi/roi/roi_map.hpp"

namespace acuroi::extract {

struct ExtractionOptions {
  ReductionStrategy strategy = ReductionStrategy::mean;
  double min_coverage = 0.5;              // in [0, 1]; XCP-D's default
  bool keep_voxel_series = false;         // also return RoiTimeSeries::voxel_series
  std::filesystem::path brain_mask_path;  // names the mask in error messages only
};

// The voxels of one ROI that are usable (inside the mask, finite in every volume) and their
// values: column v is the time series of voxel voxel_indices[v]. Memory T x (ROI voxels).
struct RoiVoxelSeries {
  std::vector<std::int64_t> voxel_indices;  // linear on the BOLD grid, ascending
  Eigen::MatrixXf values;                   // T x V
};

struct RoiTimeSeries {
  std::vector<std::string> roi_names;    // R, RoiMap order
  Eigen::MatrixXd values;                // T x R
  double repetition_time_seconds = 0.0;  // from the BOLD header (0 when not recorded)
  ReductionStrategy strategy = ReductionStrategy::mean;
  double min_coverage = 0.5;
  std::vector<std::int64_t> voxel_count;         // R
  std::vector<std::int64_t> usable_voxel_count;  // R
  std::vector<double> coverage;                  // R
  std::vector<std::string> nan_reason;           // R; "" = valid
  std::vector<RoiVoxelSeries> voxel_series;      // R when keep_voxel_series, else empty

  std::int64_t volume_count() const { return values.rows(); }
  std::int64_t roi_count() const { return values.cols(); }
};

// Reads the remaining volumes of `bold`. `rois` must be mapped onto bold.grid() (else
// core::InputError). `brain_mask` (nullable) must be on the BOLD grid (same dims, affine within
// 1e-3 mm): otherwise core::InputError naming both files and printing both grids. An invalid
// min_coverage throws core::ConfigError; a truncated BOLD throws core::InputError (from io).
RoiTimeSeries extract_roi_time_series(io::NiftiVolumeStream& bold, const roi::RoiMap& rois,
                                      const core::Volume<float>* brain_mask,
                                      const ExtractionOptions& options = {});

}  // namespace acuroi::extract
