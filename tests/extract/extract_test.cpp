// ROI extraction against nibabel/numpy on the same files: AAL (RAS) and Harvard-Oxford (LAS) on
// the FSL MNI 2 mm grid and an oblique 3 mm grid, NaN/Inf voxels, a brain mask that leaves top
// ROIs partly covered; strategies, coverage and the min_coverage policy, errors, determinism
// across thread counts, and the ROI-voxel series.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstring>
#include <iostream>

#include "acuroi/core/error.hpp"
#include "acuroi/extract/extract.hpp"
#include "acuroi/io/nifti.hpp"
#include "extract_test_support.hpp"

namespace acuroi::extract {
namespace {

using testing::reference;

constexpr double kRelativeTolerance = 1e-5;

struct Dataset {
  std::string atlas, grid;
};
void PrintTo(const Dataset& r, std::ostream* os) { *os << r.atlas << " on " << r.grid; }

std::vector<roi::RegionDefinition> atlas_regions(const std::string& atlas) {
  return atlas == "aal" ? roi::atlas_label_regions(testing::kAal, testing::kAalTable)
                        : roi::atlas_label_regions(testing::kHarvardOxford);
}

RoiTimeSeries extract(const Dataset& run, const ExtractionOptions& options,
                      std::vector<roi::RegionDefinition> extra = {}) {
  auto defs = atlas_regions(run.atlas);
  defs.insert(defs.end(), extra.begin(), extra.end());
  const roi::RegionSet regions(defs);
  io::NiftiVolumeStream bold(reference("bold_" + run.grid + ".nii.gz"));
  const auto mask = io::read_nifti_volume(reference("mask_" + run.grid + ".nii.gz"));
  return extract_roi_time_series(bold, *regions.map_to_grid(bold.grid()), &mask, options);
}

// Compares one strategy's output with numpy's, applying the documented NaN policy to the
// reference coverage computed by Python.
void expect_matches_numpy(const Dataset& run, const std::string& strategy, double min_coverage) {
  ExtractionOptions options;
  options.strategy = parse_reduction_strategy(strategy);
  options.min_coverage = min_coverage;
  const RoiTimeSeries ours = extract(run, options);
  const auto rois = testing::read_rois("rois_" + run.atlas + "_" + run.grid + ".tsv");
  const auto R = static_cast<Eigen::Index>(rois.size());
  const Eigen::MatrixXd expected =
      testing::read_stats("stat_" + run.atlas + "_" + run.grid + "_" + strategy + ".f64", R);
  ASSERT_EQ(ours.roi_count(), R);
  ASSERT_EQ(ours.volume_count(), expected.rows());
  double worst = 0;
  int nan_columns = 0;
  for (Eigen::Index r = 0; r < R; ++r) {
    const auto& ref = rois[static_cast<std::size_t>(r)];
    EXPECT_EQ(ours.roi_names[r], ref.name);
    EXPECT_EQ(ours.voxel_count[r], ref.voxel_count) << ref.name;
    EXPECT_EQ(ours.usable_voxel_count[r], ref.usable_voxel_count) << ref.name;
    EXPECT_NEAR(ours.coverage[r], ref.coverage, 1e-12) << ref.name;
    const bool expect_nan =
        ref.voxel_count == 0 || ref.usable_voxel_count == 0 || ref.coverage < min_coverage;
    if (expect_nan) {
      ++nan_columns;
      EXPECT_TRUE(ours.values.col(r).array().isNaN().all()) << ref.name;
      EXPECT_FALSE(ours.nan_reason[r].empty()) << ref.name;
      continue;
    }
    EXPECT_TRUE(ours.nan_reason[r].empty()) << ref.name << ": " << ours.nan_reason[r];
    const double error = testing::max_relative_error(ours.values, expected, r);
    EXPECT_LE(error, kRelativeTolerance) << ref.name;
    worst = std::max(worst, error);
  }
  std::cout << "[ measured ] " << run.atlas << " " << run.grid << " " << strategy
            << ": max relative error " << worst << " over " << R - nan_columns << " ROIs ("
            << nan_columns << " NaN by policy)\n";
}

class ExtractMean : public ::testing::TestWithParam<Dataset> {};

TEST_P(ExtractMean, EqualsNumpyWithCoveragePolicy) {
  expect_matches_numpy(GetParam(), "mean", 0.5);
}

INSTANTIATE_TEST_SUITE_P(AtlasesAndGrids, ExtractMean,
                         ::testing::Values(Dataset{"aal", "mni2"}, Dataset{"aal", "obl3"},
                                           Dataset{"ho", "mni2"}, Dataset{"ho", "obl3"}),
                         [](const auto& info) { return info.param.atlas + "_" + info.param.grid; });

class ExtractStrategy : public ::testing::TestWithParam<std::string> {};

TEST_P(ExtractStrategy, EqualsNumpyNanFunctions) {
  expect_matches_numpy(Dataset{"aal", "mni2"}, GetParam(), 0.0);
  expect_matches_numpy(Dataset{"ho", "obl3"}, GetParam(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(Nilearn, ExtractStrategy,
                         ::testing::Values("mean", "median", "std", "var", "sum", "min", "max"));

TEST(Extract, RepetitionTimeAndShapeComeFromTheHeader) {
  const RoiTimeSeries mni = extract({"aal", "mni2"}, {});
  EXPECT_DOUBLE_EQ(mni.repetition_time_seconds, 2.0);
  EXPECT_EQ(mni.volume_count(), 10);
  EXPECT_EQ(mni.roi_count(), 116);
  const RoiTimeSeries obl = extract({"ho", "obl3"}, {});
  EXPECT_DOUBLE_EQ(obl.repetition_time_seconds, 1.5);
  EXPECT_EQ(obl.volume_count(), 12);
}

TEST(Extract, ReasonsForEmptyUnmaskedAndLowCoverageRois) {
  // Outside the field of view; inside the head but above the mask's z = 50 mm cut.
  const RoiTimeSeries ts = extract({"aal", "mni2"}, {},
                                   {{"beyond_fov", roi::SphereRegion{{0, 0, 500}, 5}},
                                    {"above_mask", roi::SphereRegion{{0, -30, 70}, 6}}});
  const auto r_fov = ts.roi_count() - 2, r_top = ts.roi_count() - 1;
  EXPECT_EQ(ts.roi_names[r_fov], "beyond_fov");
  EXPECT_EQ(ts.voxel_count[r_fov], 0);
  EXPECT_EQ(ts.nan_reason[r_fov], "no voxels on this grid");
  EXPECT_GT(ts.voxel_count[r_top], 20);
  EXPECT_EQ(ts.usable_voxel_count[r_top], 0);
  EXPECT_EQ(ts.nan_reason[r_top],
            "no voxel inside the brain mask with finite data in every volume");
  EXPECT_TRUE(ts.values.col(r_fov).array().isNaN().all());
  EXPECT_TRUE(ts.values.col(r_top).array().isNaN().all());
  // Supp_Motor_Area_R (index 19): coverage 0.0959 in the reference.
  const auto rois = testing::read_rois("rois_aal_mni2.tsv");
  ASSERT_EQ(rois[19].name, "Supp_Motor_Area_R");
  std::ostringstream expected;
  expected.precision(3);
  expected << "coverage " << rois[19].coverage << " < min_coverage 0.5";
  EXPECT_EQ(ts.nan_reason[19], expected.str());
}

TEST(Extract, BrainMaskOnAnotherGridNamesBothFilesAndGrids) {
  const roi::RegionSet regions(atlas_regions("aal"));
  const auto bold_path = reference("bold_mni2.nii.gz");
  const auto mask_path = reference("mask_shifted.nii.gz");
  io::NiftiVolumeStream bold(bold_path);
  const auto mask = io::read_nifti_volume(mask_path);
  ExtractionOptions options;
  options.brain_mask_path = mask_path;
  try {
    extract_roi_time_series(bold, *regions.map_to_grid(bold.grid()), &mask, options);
    FAIL() << "expected core::InputError";
  } catch (const core::InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(mask_path.string()), std::string::npos) << m;
    EXPECT_NE(m.find(bold_path.string()), std::string::npos) << m;
    EXPECT_NE(m.find(mask.grid.describe()), std::string::npos) << m;
    EXPECT_NE(m.find(bold.grid().describe()), std::string::npos) << m;
  }
}

TEST(Extract, RoisMappedOntoAnotherGridAreRefused) {
  const roi::RegionSet regions(atlas_regions("ho"));
  io::NiftiVolumeStream bold(reference("bold_mni2.nii.gz"));
  io::NiftiVolumeStream other(reference("bold_obl3.nii.gz"));
  EXPECT_THROW(extract_roi_time_series(bold, *regions.map_to_grid(other.grid()), nullptr),
               core::InputError);
}

TEST(Extract, TruncatedBoldIsAnInputErrorNamingTheFile) {
  const roi::RegionSet regions(atlas_regions("ho"));
  const auto path = reference("bold_truncated.nii.gz");
  try {
    io::NiftiVolumeStream bold(path);
    extract_roi_time_series(bold, *regions.map_to_grid(bold.grid()), nullptr);
    FAIL() << "expected core::InputError";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
}

TEST(Extract, InvalidMinCoverageIsAConfigError) {
  ExtractionOptions options;
  options.min_coverage = 1.5;
  EXPECT_THROW(extract({"ho", "obl3"}, options), core::ConfigError);
}

TEST(Extract, SameBitsWithOneAndTwoThreads) {
  for (const std::string strategy : {"mean", "std", "median"}) {
    ExtractionOptions options;
    options.strategy = parse_reduction_strategy(strategy);
    RoiTimeSeries one, two;
    {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
      one = extract({"aal", "mni2"}, options);
    }
    {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
      two = extract({"aal", "mni2"}, options);
    }
    ASSERT_EQ(one.values.size(), two.values.size());
    EXPECT_EQ(std::memcmp(one.values.data(), two.values.data(),
                          sizeof(double) * static_cast<std::size_t>(one.values.size())),
              0)
        << strategy;
  }
}

TEST(Extract, VoxelSeriesEqualNumpyVoxelValues) {
  ExtractionOptions options;
  options.keep_voxel_series = true;
  const RoiTimeSeries ts = extract({"aal", "mni2"}, options);
  ASSERT_EQ(ts.voxel_series.size(), 116u);
  for (int r : {0, 28, 69}) {
    const auto suffix = "aal_mni2_" + std::to_string(r);
    const auto voxels = testing::read_raw<std::int64_t>("voxels_" + suffix + ".i64");
    const auto values = testing::read_raw<float>("series_" + suffix + ".f32");  // T x V row-major
    const RoiVoxelSeries& s = ts.voxel_series[static_cast<std::size_t>(r)];
    EXPECT_EQ(s.voxel_indices, voxels) << ts.roi_names[r];
    EXPECT_EQ(static_cast<std::int64_t>(voxels.size()), ts.usable_voxel_count[r]);
    ASSERT_EQ(s.values.rows(), ts.volume_count());
    ASSERT_EQ(s.values.cols(), static_cast<Eigen::Index>(voxels.size()));
    std::int64_t differing = 0;
    for (Eigen::Index t = 0; t < s.values.rows(); ++t)
      for (Eigen::Index v = 0; v < s.values.cols(); ++v)
        differing += s.values(t, v) != values[static_cast<std::size_t>(t * s.values.cols() + v)];
    EXPECT_EQ(differing, 0) << ts.roi_names[r];
  }
}

}  // namespace
}  // namespace acuroi::extract
