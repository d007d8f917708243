// Butterworth band-pass + filtfilt against scipy.signal.butter + scipy.signal.filtfilt.
#include <gtest/gtest.h>

#include <iostream>
#include <random>

#include "acuroi/core/error.hpp"
#include "acuroi/denoise/butterworth.hpp"
#include "denoise_test_support.hpp"

namespace ad = acuroi::denoise;

TEST(DenoiseButterworth, EqualsScipyButterAndFiltfilt) {
  const auto dir = denoise_test::scratch_dir("butterworth");
  std::mt19937 random(3);
  std::normal_distribution<double> normal(0.0, 1.0);
  Eigen::MatrixXd series(150, 3);
  for (Eigen::Index i = 0; i < series.size(); ++i) series(i) = normal(random);
  series.col(2).array() += 50.0;  // an offset: the odd extension and initial state matter
  denoise_test::write_matrix(dir / "in.tsv", series);
  struct Case {
    int order;
    double low, high, tr;
  };
  for (const Case& c :
       {Case{2, 0.01, 0.08, 2.0}, Case{1, 0.01, 0.1, 2.0}, Case{3, 0.02, 0.2, 0.8}}) {
    ASSERT_TRUE(denoise_test::run_reference(
        "butter " + (dir / "in.tsv").string() + " " + std::to_string(c.tr) + " " +
        std::to_string(c.low) + " " + std::to_string(c.high) + " " + std::to_string(c.order) + " " +
        (dir / "out.tsv").string() + " " + (dir / "coef.tsv").string()));
    const Eigen::MatrixXd expected = denoise_test::read_matrix(dir / "out.tsv");
    const Eigen::MatrixXd coefficients = denoise_test::read_matrix(dir / "coef.tsv");
    const auto filter = ad::butterworth_bandpass(c.order, c.low, c.high, c.tr);
    ASSERT_EQ(filter.b.size(), coefficients.rows());
    EXPECT_LE((filter.b - coefficients.col(0)).cwiseAbs().maxCoeff(), 1e-12) << c.order;
    EXPECT_LE((filter.a - coefficients.col(1)).cwiseAbs().maxCoeff(), 1e-12) << c.order;
    const Eigen::MatrixXd filtered = ad::filtfilt(filter, series);
    const double scale = expected.cwiseAbs().maxCoeff();
    const double difference = (filtered - expected).cwiseAbs().maxCoeff() / scale;
    EXPECT_LE(difference, 1e-8) << "order " << c.order;
    std::cout << "order " << c.order << ": max relative difference to scipy filtfilt " << difference
              << ", coefficients "
              << std::max((filter.b - coefficients.col(0)).cwiseAbs().maxCoeff(),
                          (filter.a - coefficients.col(1)).cwiseAbs().maxCoeff())
              << "\n";
  }
}

TEST(DenoiseButterworth, BadBandAndShortSeriesAreInputErrors) {
  EXPECT_THROW(ad::butterworth_bandpass(2, 0.08, 0.01, 2.0), acuroi::core::InputError);
  EXPECT_THROW(ad::butterworth_bandpass(2, 0.01, 0.3, 2.0), acuroi::core::InputError);  // > 0.25
  EXPECT_THROW(ad::butterworth_bandpass(0, 0.01, 0.08, 2.0), acuroi::core::InputError);
  const auto filter = ad::butterworth_bandpass(2, 0.01, 0.08, 2.0);
  EXPECT_THROW(ad::filtfilt(filter, Eigen::MatrixXd::Zero(15, 1)), acuroi::core::InputError);
}
