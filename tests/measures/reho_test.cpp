// ReHo (Kendall's W) against a numpy/scipy implementation (rankdata, explicit tie groups) on a
// small 3D block whose series have many ties (1e-10).
#include "acuroi/measures/reho.hpp"
#include "acuroi/core/error.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {
namespace {

const std::array<std::int64_t, 3> kDims{4, 5, 3};

// Voxels of the block that are in the "ROI": about two thirds, plus one isolated corner voxel.
std::vector<std::int64_t> roi_indices() {
  std::vector<std::int64_t> indices;
  std::mt19937_64 engine(42);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (std::int64_t k = 0; k < 3; ++k)
    for (std::int64_t j = 0; j < 5; ++j)
      for (std::int64_t i = 0; i < 3; ++i)
        if (uniform(engine) < 0.66) indices.push_back(i + 4 * (j + 5 * k));
  indices.push_back(3 + 4 * (4 + 5 * 2));  // (3,4,2): its neighbours at i = 2 may be absent
  return indices;
}

// Integer-valued series (0..4): heavy ties; a shared component makes W vary across voxels.
Eigen::MatrixXd tied_series(Eigen::Index volumes, Eigen::Index voxels) {
  const Eigen::MatrixXd shared = random_matrix(volumes, 1, 9);
  Eigen::MatrixXd series = random_matrix(volumes, voxels, 10);
  for (Eigen::Index v = 0; v < voxels; ++v) {
    const double weight = 0.3 * static_cast<double>(v % 4);
    series.col(v) =
        (series.col(v) + weight * shared.col(0)).array().round().cwiseMax(-2).cwiseMin(2);
  }
  return series;
}

}  // namespace

TEST(MeasuresReho, MatchesKendallWForAllNeighbourhoodsWithAndWithoutTieCorrection) {
  const std::vector<std::int64_t> indices = roi_indices();
  const Eigen::MatrixXd series = tied_series(30, static_cast<Eigen::Index>(indices.size()));
  for (const int size : {27, 19, 7}) {
    for (const bool ties : {true, false}) {
      const std::string tag = "reho" + std::to_string(size) + (ties ? "t" : "n");
      const nlohmann::json ref = run_reference({{"kind", "reho"},
                                                {"series", to_json(series)},
                                                {"dims", kDims},
                                                {"indices", indices},
                                                {"neighbourhood", size},
                                                {"tie_correction", ties}},
                                               tag);
      const ReHoOptions options{static_cast<ReHoNeighbourhood>(size), ties};
      const Eigen::VectorXd per_voxel = voxel_reho(series, indices, kDims, options);
      for (Eigen::Index v = 0; v < per_voxel.size(); ++v)
        expect_close(per_voxel(v), json_number(ref["voxel"][v]), 1e-10, tag + " voxel");
      const ReHoResult roi = roi_reho(series, indices, kDims, options);
      expect_close(roi.reho, json_number(ref["roi"]), 1e-10, tag + " roi");
      EXPECT_EQ(roi.voxels_used + roi.voxels_skipped, static_cast<std::int64_t>(indices.size()));
    }
  }
}

TEST(MeasuresReho, IdenticalNeighboursGiveOne) {
  const Eigen::MatrixXd one = random_matrix(25, 1, 3);
  const Eigen::MatrixXd series = one.replicate(1, 3);
  const ReHoResult roi = roi_reho(series, {0, 1, 2}, {3, 1, 1});
  EXPECT_NEAR(roi.reho, 1.0, 1e-12);
}

TEST(MeasuresReho, TooFewVoxelsOrIsolatedVoxelsGiveNanWithReason) {
  const Eigen::MatrixXd single = random_matrix(20, 1, 1);
  const ReHoResult one = roi_reho(single, {7}, kDims);
  EXPECT_TRUE(std::isnan(one.reho));
  EXPECT_NE(one.nan_reason.find("fewer than 2 usable voxels"), std::string::npos);
  // Two voxels far apart: neither has a neighbour in the ROI.
  const Eigen::MatrixXd two = random_matrix(20, 2, 2);
  const ReHoResult apart = roi_reho(two, {0, 3 + 4 * (4 + 5 * 2)}, kDims);
  EXPECT_TRUE(std::isnan(apart.reho));
  EXPECT_EQ(apart.voxels_skipped, 2);
  EXPECT_FALSE(apart.nan_reason.empty());
  EXPECT_THROW(roi_reho(two, {0, 60}, kDims), core::InputError);
  EXPECT_THROW(roi_reho(two, {0}, kDims), core::InputError);
}

}  // namespace acuroi::measures::test
