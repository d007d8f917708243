// mean / SD / tSNR against numpy (mean, std with ddof 1 and 0).
#include "acuroi/measures/signal_stats.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {

TEST(MeasuresSignalStats, MatchesNumpyForBothDdof) {
  const Eigen::MatrixXd series = random_matrix(60, 4, 11, 100.0, 3.0);
  for (const int ddof : {1, 0}) {
    const nlohmann::json ref =
        run_reference({{"kind", "signal_stats"}, {"series", to_json(series)}, {"ddof", ddof}},
                      "stats" + std::to_string(ddof));
    const SignalStats s = signal_stats(series, ddof);
    for (Eigen::Index r = 0; r < 4; ++r) {
      expect_close(s.mean(r), json_number(ref["mean"][r]), 1e-12, "mean");
      expect_close(s.sd(r), json_number(ref["sd"][r]), 1e-12, "sd");
      expect_close(s.tsnr(r), json_number(ref["tsnr"][r]), 1e-12, "tsnr");
    }
  }
}

TEST(MeasuresSignalStats, NanColumnAndConstantColumnGiveNanTsnr) {
  Eigen::MatrixXd series = random_matrix(20, 3, 3, 10.0);
  series(5, 0) = std::numeric_limits<double>::quiet_NaN();
  series.col(1).setConstant(4.0);
  const SignalStats s = signal_stats(series);
  EXPECT_TRUE(std::isnan(s.mean(0)));
  EXPECT_TRUE(std::isnan(s.tsnr(0)));
  EXPECT_DOUBLE_EQ(s.mean(1), 4.0);
  EXPECT_DOUBLE_EQ(s.sd(1), 0.0);
  EXPECT_TRUE(std::isnan(s.tsnr(1)));
  EXPECT_TRUE(std::isfinite(s.tsnr(2)));
}

}  // namespace acuroi::measures::test
