// The one-regression denoising against numpy lstsq residuals, and its band-pass response
// measured with numpy's FFT.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <numbers>
#include <random>

#include "acuroi/denoise/denoise.hpp"
#include "denoise_test_support.hpp"

namespace ad = acuroi::denoise;
namespace fs = std::filesystem;

namespace {

// Random signals plus a mixture of the confounds and a slow drift, so the fit matters.
Eigen::MatrixXd synthetic_signals(const ad::ConfoundMatrix& confounds, int columns, unsigned seed) {
  std::mt19937 random(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  const Eigen::Index volumes = confounds.volume_count();
  Eigen::MatrixXd signals(volumes, columns);
  for (Eigen::Index t = 0; t < volumes; ++t)
    for (int c = 0; c < columns; ++c) signals(t, c) = 100.0 + normal(random) + 0.02 * t * (c + 1);
  Eigen::MatrixXd weights(confounds.values.cols(), columns);
  for (Eigen::Index i = 0; i < weights.size(); ++i) weights(i) = normal(random);
  return signals + confounds.values * weights;
}

void expect_residuals_match_numpy(const std::string& name, ad::ConfoundStrategy strategy,
                                  const ad::CensorOptions& censor,
                                  const ad::DenoiseOptions& options,
                                  Eigen::Index minimum_censored) {
  const fs::path dir = denoise_test::scratch_dir("residuals_" + name);
  const auto table = acuroi::io::read_table(denoise_test::simulated_confounds());
  const auto confounds = ad::select_confounds(table, {.strategy = strategy});
  const auto mask = ad::censor_volumes(table, 2.0, censor);
  ASSERT_FALSE(mask.excluded) << mask.exclusion_reason;
  EXPECT_GE(120 - mask.kept_count(), minimum_censored);
  const Eigen::MatrixXd signals = synthetic_signals(confounds, 4, 5);
  Eigen::MatrixXd kept(mask.volume_count(), 1);
  for (Eigen::Index t = 0; t < kept.rows(); ++t)
    kept(t, 0) = mask.kept[static_cast<std::size_t>(t)];
  denoise_test::write_matrix(dir / "signal.tsv", signals);
  denoise_test::write_matrix(dir / "conf.tsv", confounds.values, confounds.names);
  denoise_test::write_matrix(dir / "mask.tsv", kept);
  const auto text = [](const std::optional<double>& v) {
    return v ? std::to_string(*v) : std::string("none");
  };
  ASSERT_TRUE(denoise_test::run_reference(
      "residuals " + (dir / "signal.tsv").string() + " " + (dir / "conf.tsv").string() + " " +
      (dir / "mask.tsv").string() + " 2.0 " + text(options.high_pass_hz) + " " +
      text(options.low_pass_hz) + " " + std::to_string(options.polynomial_order) + " " +
      (dir / "ref.tsv").string()));
  const Eigen::MatrixXd expected = denoise_test::read_matrix(dir / "ref.tsv");

  const auto result = ad::denoise(signals, confounds, mask, 2.0, options);
  ASSERT_FALSE(result.excluded) << result.exclusion_reason;
  EXPECT_EQ(result.kept_indices, mask.kept_indices);
  EXPECT_EQ(result.regressor_names.size(), static_cast<std::size_t>(result.design_rank));
  EXPECT_EQ(result.residual_dof, mask.kept_count() - result.design_rank);
  // Relative to the largest residual (the residuals, not the raw signal of ~100, set the scale).
  const double scale = expected.cwiseAbs().maxCoeff();
  const double difference = (result.cleaned - expected).cwiseAbs().maxCoeff() / scale;
  EXPECT_LE(difference, 1e-8) << name << " measured " << difference;
  std::cout << name << ": kept " << mask.kept_count() << " of 120, rank " << result.design_rank
            << ", max relative difference to numpy " << difference << "\n";

  // The float overload (voxel series) gives the same on float-representable input.
  const Eigen::MatrixXf as_float = signals.cast<float>();
  const auto from_float = ad::denoise(as_float, confounds, mask, 2.0, options);
  const auto from_double =
      ad::denoise(Eigen::MatrixXd(as_float.cast<double>()), confounds, mask, 2.0, options);
  EXPECT_EQ(from_float.cleaned, from_double.cleaned);
  // Full-length output: kept rows in place, NaN elsewhere.
  const Eigen::MatrixXd full = result.cleaned_full(120);
  Eigen::Index nan_rows = 0;
  for (Eigen::Index t = 0; t < 120; ++t) nan_rows += std::isnan(full(t, 0)) ? 1 : 0;
  EXPECT_EQ(nan_rows, 120 - mask.kept_count());
}

}  // namespace

TEST(DenoiseRegression, CensoredHighPass24PEqualsNumpyLstsq) {
  ad::CensorOptions censor;
  censor.fd_threshold_mm = 0.2;
  censor.dummy_volumes = 2;
  censor.min_time_s = 0.0;
  expect_residuals_match_numpy(
      "24P_censored", ad::ConfoundStrategy::p24, censor,
      {.high_pass_hz = 0.01, .low_pass_hz = std::nullopt, .polynomial_order = 2}, 3);
}

TEST(DenoiseRegression, BandPass6PEqualsNumpyLstsq) {
  ad::CensorOptions none;
  none.fd_threshold_mm.reset();
  none.std_dvars_threshold.reset();
  none.dummy_volumes = 0;
  none.min_time_s = 0.0;
  expect_residuals_match_numpy("6P_bandpass", ad::ConfoundStrategy::p6, none, {}, 0);
}

TEST(DenoiseRegression, BandPassKeepsInBandSinusoidsAndRemovesTheOthers) {
  const fs::path dir = denoise_test::scratch_dir("bandpass");
  const int volumes = 200;
  const double tr = 2.0;
  const std::vector<double> frequencies = {0.005, 0.03, 0.05, 0.15};
  std::mt19937 random(7);
  std::uniform_real_distribution<double> phase(0.0, 2.0 * std::numbers::pi);
  Eigen::MatrixXd signals = Eigen::MatrixXd::Zero(volumes, 3);
  for (int c = 0; c < 3; ++c)
    for (double f : frequencies) {
      const double p = phase(random);
      for (int t = 0; t < volumes; ++t)
        signals(t, c) += std::cos(2 * std::numbers::pi * f * t * tr + p);
    }
  ad::ConfoundMatrix no_confounds{"none.tsv", {}, Eigen::MatrixXd(volumes, 0)};
  ad::CensorMask all;
  all.kept.assign(volumes, true);
  for (int t = 0; t < volumes; ++t) all.kept_indices.push_back(t);
  const auto result = ad::denoise(signals, no_confounds, all, tr, {});  // 0.01-0.08 Hz
  ASSERT_FALSE(result.excluded);
  denoise_test::write_matrix(dir / "in.tsv", signals);
  denoise_test::write_matrix(dir / "out.tsv", result.cleaned);
  const std::string freqs = " 0.005 0.03 0.05 0.15";
  ASSERT_TRUE(denoise_test::run_reference("spectrum " + (dir / "in.tsv").string() + " 2.0 " +
                                          (dir / "in_amp.tsv").string() + freqs));
  ASSERT_TRUE(denoise_test::run_reference("spectrum " + (dir / "out.tsv").string() + " 2.0 " +
                                          (dir / "out_amp.tsv").string() + freqs));
  const Eigen::MatrixXd before = denoise_test::read_matrix(dir / "in_amp.tsv");
  const Eigen::MatrixXd after = denoise_test::read_matrix(dir / "out_amp.tsv");
  for (int c = 0; c < 3; ++c) {
    EXPECT_NEAR(before(1, c), 1.0, 1e-9);  // the input holds unit sinusoids on exact FFT bins
    // Measured (seed 7): stopped 0.0004-0.0042, passed 0.947-1.008. The pass band is not flat to
    // better than ~5 %: a sinusoid of arbitrary phase is not exactly in the span of the kept
    // DCT cosines, and the linear-trend regressor takes a little of it too.
    EXPECT_LT(after(0, c), 0.01) << "0.005 Hz, column " << c;        // stopped
    EXPECT_NEAR(after(1, c), 1.0, 0.08) << "0.03 Hz, column " << c;  // passed
    EXPECT_NEAR(after(2, c), 1.0, 0.08) << "0.05 Hz, column " << c;  // passed
    EXPECT_LT(after(3, c), 0.01) << "0.15 Hz, column " << c;         // stopped
  }
  std::cout << "amplitudes after band-pass (rows 0.005, 0.03, 0.05, 0.15 Hz):\n" << after << "\n";
}

TEST(DenoiseRegression, VoxelMatrixColumnsEqualSeparateRuns) {
  // One factorisation shared by 3000 float voxel series: each column is cleaned exactly as if it
  // were denoised alone.
  const auto table = acuroi::io::read_table(denoise_test::simulated_confounds());
  const auto confounds = ad::select_confounds(table, {.strategy = ad::ConfoundStrategy::p24});
  ad::CensorOptions censor;
  censor.fd_threshold_mm = 0.2;
  censor.min_time_s = 0.0;
  const auto mask = ad::censor_volumes(table, 2.0, censor);
  const Eigen::MatrixXf voxels = synthetic_signals(confounds, 3000, 9).cast<float>();
  const ad::DenoiseOptions options{.high_pass_hz = 0.01, .low_pass_hz = std::nullopt};
  const auto all = ad::denoise(voxels, confounds, mask, 2.0, options);
  ASSERT_EQ(all.cleaned.cols(), 3000);
  for (Eigen::Index column : {Eigen::Index(0), Eigen::Index(1234), Eigen::Index(2999)}) {
    const Eigen::MatrixXf one = voxels.col(column);
    const auto alone = ad::denoise(one, confounds, mask, 2.0, options);
    EXPECT_LE((all.cleaned.col(column) - alone.cleaned.col(0)).cwiseAbs().maxCoeff(), 1e-10)
        << column;
  }
}
