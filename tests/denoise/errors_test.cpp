// Bad input and expected outcomes of denoise(): row-count mismatch, scrubbed-out runs,
// a design with no residual degrees of freedom.
#include <gtest/gtest.h>

#include "acuroi/core/error.hpp"
#include "acuroi/denoise/denoise.hpp"
#include "denoise_test_support.hpp"

namespace ad = acuroi::denoise;

namespace {

ad::CensorMask keep_all(int volumes) {
  ad::CensorMask mask;
  mask.kept.assign(static_cast<std::size_t>(volumes), true);
  for (int t = 0; t < volumes; ++t) mask.kept_indices.push_back(t);
  return mask;
}

}  // namespace

TEST(DenoiseErrors, ConfoundRowCountDifferentFromSignalNamesFileAndCounts) {
  const auto table = acuroi::io::read_table(denoise_test::simulated_confounds());
  const auto confounds = ad::select_confounds(table, {.strategy = ad::ConfoundStrategy::p6});
  const Eigen::MatrixXd signals = Eigen::MatrixXd::Random(100, 3);
  try {
    ad::denoise(signals, confounds, keep_all(100), 2.0, {});
    FAIL() << "expected InputError";
  } catch (const acuroi::core::InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("desc-confounds_timeseries.tsv"), std::string::npos) << message;
    EXPECT_NE(message.find("120 rows"), std::string::npos) << message;
    EXPECT_NE(message.find("100 volumes"), std::string::npos) << message;
  }
}

TEST(DenoiseErrors, ScrubbedOutRunGivesExcludedResultWithReason) {
  const auto table = acuroi::io::read_table(denoise_test::simulated_confounds());
  const auto confounds = ad::select_confounds(table, {.strategy = ad::ConfoundStrategy::p6});
  const Eigen::MatrixXd signals = Eigen::MatrixXd::Random(120, 2);
  ad::CensorOptions strict;
  strict.fd_threshold_mm = 0.0;
  strict.std_dvars_threshold.reset();
  strict.dummy_volumes = 0;
  const auto mask = ad::censor_volumes(table, 2.0, strict);
  ASSERT_EQ(mask.kept_count(), 0);
  const auto result = ad::denoise(signals, confounds, mask, 2.0, {});
  EXPECT_TRUE(result.excluded);
  EXPECT_NE(result.exclusion_reason.find("all 120 volumes censored"), std::string::npos)
      << result.exclusion_reason;
  EXPECT_EQ(result.cleaned.size(), 0);

  ad::CensorOptions moderate;  // 120 x 2 s = 240 s: any censored volume drops it below 240 s
  moderate.fd_threshold_mm = 0.2;
  const auto short_mask = ad::censor_volumes(table, 2.0, moderate);
  ASSERT_GT(short_mask.kept_count(), 0);
  const auto short_result = ad::denoise(signals, confounds, short_mask, 2.0, {});
  EXPECT_TRUE(short_result.excluded);
  EXPECT_NE(short_result.exclusion_reason.find("at least 240 s required"), std::string::npos)
      << short_result.exclusion_reason;
}

TEST(DenoiseErrors, DesignWithoutResidualDegreesOfFreedomIsExcluded) {
  // 40 volumes, TR 2 s, pass band 0.01-0.08 Hz: DCT k / 160 Hz stopped for k = 1 and
  // k = 13..39 (28 columns) + intercept + linear + 12 confounds = 42 regressors for 40 volumes.
  const Eigen::MatrixXd motion = Eigen::MatrixXd::Random(40, 12);
  ad::ConfoundMatrix confounds{"small.tsv", std::vector<std::string>(12, "x"), motion};
  const auto result = ad::denoise(Eigen::MatrixXd(Eigen::MatrixXd::Random(40, 2)), confounds,
                                  keep_all(40), 2.0, {});
  EXPECT_TRUE(result.excluded);
  EXPECT_EQ(result.residual_dof, 0);
  EXPECT_NE(result.exclusion_reason.find("no residual degrees of freedom"), std::string::npos);
}

TEST(DenoiseErrors, BadOptionsAreInputErrors) {
  ad::ConfoundMatrix confounds{"c.tsv", {}, Eigen::MatrixXd(50, 0)};
  const Eigen::MatrixXd signals = Eigen::MatrixXd::Random(50, 1);
  EXPECT_THROW(ad::denoise(signals, confounds, keep_all(50), 0.0, {}), acuroi::core::InputError);
  EXPECT_THROW(ad::denoise(signals, confounds, keep_all(50), 2.0,
                           {.high_pass_hz = 0.1, .low_pass_hz = 0.05}),
               acuroi::core::InputError);
  EXPECT_THROW(ad::denoise(signals, confounds, keep_all(49), 2.0, {}), acuroi::core::InputError);
}
