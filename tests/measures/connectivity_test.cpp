// r, Fisher z, partial correlation and network means against numpy (corrcoef, inv(cov)) at 1e-10.
#include "acuroi/measures/connectivity.hpp"
#include "acuroi/core/error.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {

TEST(MeasuresConnectivity, MatchesNumpyCorrcoefAndInverseCovariance) {
  const Eigen::MatrixXd sources = random_matrix(120, 6, 21);
  Eigen::MatrixXd mixing = random_matrix(6, 6, 22);
  mixing.diagonal().array() += 2.0;
  const Eigen::MatrixXd series = (sources * mixing).array() + 50.0;
  const std::vector<int> network{0, 2, 3};
  const std::vector<int> other{1, 5};
  const nlohmann::json ref = run_reference({{"kind", "connectivity"},
                                            {"series", to_json(series)},
                                            {"network", network},
                                            {"other", other}},
                                           "fc");
  const Eigen::MatrixXd r = pearson_correlation(series);
  const Eigen::MatrixXd z = fisher_z(r);
  const PartialCorrelation partial = partial_correlation(series);
  expect_matrix_close(r, matrix_from_json(ref["r"]), 1e-10, "r");
  expect_matrix_close(z, matrix_from_json(ref["z"]), 1e-10, "z");
  EXPECT_EQ(partial.nan_reason, "");
  expect_matrix_close(partial.matrix, matrix_from_json(ref["partial"]), 1e-10, "partial");
  expect_close(within_network_connectivity(z, network), json_number(ref["within"]), 1e-10,
               "within");
  expect_close(between_network_connectivity(z, network, other), json_number(ref["between"]), 1e-10,
               "between");
}

TEST(MeasuresConnectivity, ConstantRoiIsNanAndSingularCovarianceIsRecorded) {
  Eigen::MatrixXd series = random_matrix(40, 4, 5);
  series.col(2).setConstant(1.0);
  const Eigen::MatrixXd r = pearson_correlation(series);
  EXPECT_TRUE(std::isnan(r(2, 0)));
  EXPECT_TRUE(std::isnan(r(2, 2)));
  EXPECT_DOUBLE_EQ(r(0, 0), 1.0);
  const Eigen::MatrixXd z = fisher_z(r);
  EXPECT_TRUE(std::isnan(z(0, 0)));
  EXPECT_TRUE(std::isfinite(z(0, 1)));
  const PartialCorrelation partial = partial_correlation(series);
  EXPECT_TRUE(std::isnan(partial.matrix(2, 1)));
  EXPECT_TRUE(std::isfinite(partial.matrix(0, 1)));
  const PartialCorrelation singular = partial_correlation(random_matrix(5, 8, 6));
  EXPECT_FALSE(singular.nan_reason.empty());
  EXPECT_TRUE(std::isnan(singular.matrix(0, 1)));
  EXPECT_THROW(within_network_connectivity(z, {0, 9}), core::InputError);
  EXPECT_TRUE(std::isnan(within_network_connectivity(z, {2, 0})));
}

}  // namespace acuroi::measures::test
