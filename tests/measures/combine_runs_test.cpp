// Run combination: volume-weighted means, computed by hand for the expected values.
#include "acuroi/measures/combine_runs.hpp"
#include "acuroi/core/error.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {

TEST(MeasuresCombineRuns, ScalarMeanIsWeightedByVolumesKeptAndSkipsNan) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NEAR(combine_run_values({{0.8, 180}, {0.9, 150}}), (0.8 * 180 + 0.9 * 150) / 330.0, 1e-15);
  EXPECT_NEAR(combine_run_values({{2.0, 100}, {nan, 100}, {5.0, 0}}), 2.0, 1e-15);
  EXPECT_TRUE(std::isnan(combine_run_values({{nan, 100}})));
  EXPECT_TRUE(std::isnan(combine_run_values({})));
}

TEST(MeasuresCombineRuns, ConnectivityIsAveragedInZPerElement) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd a(2, 2), b(2, 2);
  a << nan, 0.5, 0.5, nan;
  b << nan, 0.2, nan, nan;
  const Eigen::MatrixXd z = combine_run_connectivity({a, b}, {100, 300});
  EXPECT_TRUE(std::isnan(z(0, 0)));
  EXPECT_NEAR(z(0, 1), (0.5 * 100 + 0.2 * 300) / 400.0, 1e-15);
  EXPECT_NEAR(z(1, 0), 0.5, 1e-15);
  EXPECT_THROW(combine_run_connectivity({a, b}, {100}), core::InputError);
  EXPECT_THROW(combine_run_connectivity({a, Eigen::MatrixXd(3, 3)}, {1, 1}), core::InputError);
}

}  // namespace acuroi::measures::test
