// Linear filling of censored volumes against numpy.interp on the same values.
#include <gtest/gtest.h>

#include <random>

#include "acuroi/core/error.hpp"
#include "acuroi/denoise/interpolate.hpp"
#include "denoise_test_support.hpp"

namespace ad = acuroi::denoise;

TEST(DenoiseInterpolate, EqualsNumpyInterp) {
  const auto dir = denoise_test::scratch_dir("interpolate");
  // Censored at the start (held), in the middle (one and several volumes) and at the end (held).
  const std::vector<Eigen::Index> kept = {2, 3, 4, 7, 8, 12, 13, 14, 15, 17};
  const Eigen::Index volumes = 20;
  std::mt19937 random(5);
  std::normal_distribution<double> normal(0.0, 1.0);
  Eigen::MatrixXd values(static_cast<Eigen::Index>(kept.size()), 3);
  for (Eigen::Index i = 0; i < values.size(); ++i) values(i) = normal(random);
  Eigen::MatrixXd indices(static_cast<Eigen::Index>(kept.size()), 1);
  for (std::size_t i = 0; i < kept.size(); ++i) indices(static_cast<Eigen::Index>(i)) = kept[i];
  denoise_test::write_matrix(dir / "values.tsv", values);
  denoise_test::write_matrix(dir / "indices.tsv", indices, {"index"});
  ASSERT_TRUE(denoise_test::run_reference("interp " + (dir / "values.tsv").string() + " " +
                                          (dir / "indices.tsv").string() + " " +
                                          std::to_string(volumes) + " " +
                                          (dir / "out.tsv").string()));
  const Eigen::MatrixXd expected = denoise_test::read_matrix(dir / "out.tsv");
  const Eigen::MatrixXd filled = ad::fill_censored_linear(values, kept, volumes);
  ASSERT_EQ(filled.rows(), volumes);
  EXPECT_LE(denoise_test::relative_difference(filled, expected), 1e-12);
  for (std::size_t i = 0; i < kept.size(); ++i)  // kept rows are copied exactly
    EXPECT_EQ(filled.row(kept[i]), values.row(static_cast<Eigen::Index>(i)));
}

TEST(DenoiseInterpolate, BadIndicesAreInputErrors) {
  const Eigen::MatrixXd values = Eigen::MatrixXd::Ones(2, 1);
  EXPECT_THROW(ad::fill_censored_linear(values, {3, 1}, 5), acuroi::core::InputError);
  EXPECT_THROW(ad::fill_censored_linear(values, {1, 5}, 5), acuroi::core::InputError);
  EXPECT_THROW(ad::fill_censored_linear(values, {1}, 5), acuroi::core::InputError);
}
