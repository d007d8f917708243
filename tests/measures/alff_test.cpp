// ALFF / fALFF against scipy.signal.periodogram following XCP-D's compute_alff (1e-8 relative).
#include "acuroi/measures/alff.hpp"
#include "acuroi/core/error.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {
namespace {

void compare_with_reference(Eigen::Index volumes, double tr, double low, double high,
                            const std::string& tag) {
  Eigen::MatrixXd series = random_matrix(volumes, 6, 100 + volumes, 500.0, 5.0);
  // A slow oscillation inside the band in voxel 1, and a constant voxel 5.
  for (Eigen::Index t = 0; t < volumes; ++t) series(t, 1) += 8.0 * std::sin(0.2 * t * tr);
  series.col(5).setConstant(321.5);
  const nlohmann::json ref = run_reference(
      {{"kind", "alff"}, {"series", to_json(series)}, {"tr", tr}, {"low", low}, {"high", high}},
      tag);
  const AlffOptions options{low, high};
  const VoxelAlff per_voxel = voxel_alff(series, tr, options);
  for (Eigen::Index v = 0; v < 6; ++v) {
    expect_close(per_voxel.alff(v), json_number(ref["alff"][v]), 1e-8, tag + " alff");
    expect_close(per_voxel.falff(v), json_number(ref["falff"][v]), 1e-8, tag + " falff");
  }
  const AlffResult roi = roi_alff(series, tr, options);
  expect_close(roi.alff, json_number(ref["roi_alff"]), 1e-8, tag + " roi alff");
  expect_close(roi.falff, json_number(ref["roi_falff"]), 1e-8, tag + " roi falff");
  EXPECT_EQ(roi.voxel_count, 6);
  EXPECT_EQ(roi.falff_voxel_count, 5);
  EXPECT_EQ(roi.nan_reason, "");
  EXPECT_GT(per_voxel.alff(1), per_voxel.alff(0));  // the planted oscillation shows
}

}  // namespace

TEST(MeasuresAlff, EvenRunMatchesPeriodogram) {
  compare_with_reference(200, 2.0, 0.01, 0.08, "even");
}
TEST(MeasuresAlff, OddRunShortTrMatchesPeriodogram) {
  compare_with_reference(151, 0.8, 0.01, 0.1, "odd");
}

TEST(MeasuresAlff, NormalisedAlffDividesByBrainMean) {
  EXPECT_DOUBLE_EQ(normalised_alff(3.0, 1.5), 2.0);
  EXPECT_TRUE(std::isnan(normalised_alff(3.0, 0.0)));
}

TEST(MeasuresAlff, BadOptionsThrowAndEmptyRoiIsNanWithReason) {
  const Eigen::MatrixXd series = random_matrix(50, 2, 7);
  EXPECT_THROW(voxel_alff(series, 0.0), core::InputError);
  EXPECT_THROW(voxel_alff(series, 2.0, AlffOptions{0.08, 0.01}), core::InputError);
  const AlffResult empty = roi_alff(Eigen::MatrixXd(50, 0), 2.0);
  EXPECT_TRUE(std::isnan(empty.alff));
  EXPECT_EQ(empty.nan_reason, "ROI has no usable voxels");
  // A band narrower than one frequency bin picks no bins.
  const AlffResult narrow = roi_alff(series, 2.0, AlffOptions{0.0301, 0.0302});
  EXPECT_TRUE(std::isnan(narrow.alff));
  EXPECT_FALSE(narrow.nan_reason.empty());
}

}  // namespace acuroi::measures::test
