// GM volume, mean probability and whole-brain GM total against numpy sums (1e-10).
#include "acuroi/measures/grey_matter.hpp"
#include "acuroi/core/error.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {

TEST(MeasuresGreyMatter, MatchesNumpySums) {
  core::Grid grid;
  grid.dims = {5, 4, 3};
  grid.affine.diagonal() << -2.0, 2.5, 3.0, 1.0;
  const Eigen::MatrixXd uniform = (random_matrix(60, 1, 8).array().tanh() + 1.0) / 2.0;
  core::Volume<float> probability{grid, std::vector<float>(60)};
  core::Volume<float> mask{grid, std::vector<float>(60)};
  for (int v = 0; v < 60; ++v) {
    probability.data[v] = static_cast<float>(uniform(v, 0));
    mask.data[v] = (v % 3 == 0) ? 0.0f : 1.0f;
  }
  probability.data[10] = std::numeric_limits<float>::quiet_NaN();
  const std::vector<std::int64_t> roi{1, 2, 10, 17, 33, 59};
  nlohmann::json probabilities = nlohmann::json::array();
  for (const float p : probability.data)
    probabilities.push_back(std::isfinite(p) ? nlohmann::json(static_cast<double>(p))
                                             : nlohmann::json());
  nlohmann::json request{{"kind", "grey_matter"},
                         {"probability", probabilities},
                         {"mask", mask.data},
                         {"indices", roi},
                         {"voxel_volume_mm3", 2.0 * 2.5 * 3.0}};
  for (auto& p : request["probability"])
    if (p.is_null()) p = "nan";
  const nlohmann::json ref = run_reference(request, "gm");
  const GreyMatterVolume result = roi_grey_matter(probability, roi);
  expect_close(result.volume_ml, json_number(ref["roi_ml"]), 1e-10, "roi ml");
  expect_close(result.mean_probability, json_number(ref["roi_mean"]), 1e-10, "roi mean");
  EXPECT_EQ(result.voxel_count, 6);
  expect_close(total_grey_matter_ml(probability, mask), json_number(ref["total_ml"]), 1e-10,
               "total ml");
}

TEST(MeasuresGreyMatter, EmptyRoiIsNanAndBadInputThrows) {
  core::Grid grid;
  grid.dims = {2, 2, 2};
  const core::Volume<float> probability{grid, std::vector<float>(8, 0.5f)};
  const GreyMatterVolume empty = roi_grey_matter(probability, {});
  EXPECT_EQ(empty.volume_ml, 0.0);
  EXPECT_TRUE(std::isnan(empty.mean_probability));
  EXPECT_FALSE(empty.nan_reason.empty());
  EXPECT_THROW(roi_grey_matter(probability, {8}), core::InputError);
  core::Grid other = grid;
  other.dims = {2, 2, 3};
  EXPECT_THROW(
      total_grey_matter_ml(probability, core::Volume<float>{other, std::vector<float>(12)}),
      core::InputError);
}

}  // namespace acuroi::measures::test
