// The HDF5 form of `acuroi extract -o OUT.h5`: one run's ROI time series with what is needed to
// interpret it (ROI names, voxel counts, coverage, status, TR, grid), written atomically.
// Layout (documented in SCHEMA.md, "One-shot extraction files"):
//   /timeseries [T × R] float64, /roi_names [R] str, /voxel_count [R] int64, /coverage [R] float64,
//   /roi_status [R] str, /affine [4 × 4] float64, /grid_dims [3] int64;
//   root attributes: acuroi_version, bold_path, atlas, strategy, tr_seconds.
//
//   write_timeseries_file("out.h5", table);
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/core/grid.hpp"

namespace acuroi::store {

struct TimeseriesTable {
  std::vector<std::string> roi_names;
  Eigen::MatrixXd values;  // T × R, NaN = no value (roi_status says why)
  std::vector<std::int64_t> voxel_count;
  std::vector<double> coverage;
  std::vector<std::string> roi_status;
  double tr_seconds = 0;
  core::Grid grid;
  std::string bold_path, atlas, strategy;
};

void write_timeseries_file(const std::filesystem::path& path, const TimeseriesTable& table);

}  // namespace acuroi::store
