// Framewise displacement and censor masks against denoise_reference.py (numpy).
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>

#include "acuroi/denoise/censor.hpp"
#include "acuroi/denoise/confounds.hpp"
#include "denoise_test_support.hpp"

namespace ad = acuroi::denoise;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kMotion = {"trans_x", "trans_y", "trans_z",
                                          "rot_x",   "rot_y",   "rot_z"};

// Random-walk motion with a few spikes, two leading non-steady-state volumes; no FD column.
fs::path write_motion_only_tsv(const fs::path& dir) {
  std::mt19937 random(11);
  std::normal_distribution<double> step(0.0, 1.0);
  const int volumes = 100;
  Eigen::MatrixXd values = Eigen::MatrixXd::Zero(volumes, 8);
  for (int t = 1; t < volumes; ++t) {
    for (int k = 0; k < 6; ++k)
      values(t, k) = values(t - 1, k) + (k < 3 ? 0.05 : 0.001) * step(random);
    if (t == 30 || t == 33 || t == 60 || t == 61 || t == 90) values(t, 0) += 0.8;
  }
  values(0, 6) = 1.0;
  values(1, 7) = 1.0;
  std::vector<std::string> header = kMotion;
  header.push_back("non_steady_state_outlier_00");
  header.push_back("non_steady_state_outlier_01");
  denoise_test::write_matrix(dir / "motion.tsv", values, header);
  return dir / "motion.tsv";
}

Eigen::VectorXd mask_vector(const ad::CensorMask& mask) {
  Eigen::VectorXd kept(mask.volume_count());
  for (Eigen::Index t = 0; t < kept.size(); ++t) kept(t) = mask.kept[static_cast<std::size_t>(t)];
  return kept;
}

}  // namespace

TEST(DenoiseCensor, PowerFdEqualsNumpy) {
  const fs::path dir = denoise_test::scratch_dir("fd");
  const fs::path tsv = denoise_test::simulated_confounds();
  ASSERT_TRUE(denoise_test::run_reference("fd " + tsv.string() + " " + (dir / "fd.tsv").string()));
  const Eigen::MatrixXd expected = denoise_test::read_matrix(dir / "fd.tsv");
  const auto table = acuroi::io::read_table(tsv);
  Eigen::MatrixXd motion(static_cast<Eigen::Index>(table.row_count()), 6);
  for (int k = 0; k < 6; ++k)
    motion.col(k) = Eigen::Map<const Eigen::VectorXd>(ad::confound_column(table, kMotion[k]).data(),
                                                      motion.rows());
  const auto fd = ad::power_framewise_displacement(motion);
  ASSERT_EQ(static_cast<Eigen::Index>(fd.size()), expected.rows());
  double worst = 0.0, worst_vs_fmriprep_column = 0.0;
  const auto column = table.numbers("framewise_displacement");
  for (std::size_t t = 0; t < fd.size(); ++t) {
    worst = std::max(worst, std::abs(fd[t] - expected(static_cast<Eigen::Index>(t), 0)));
    if (t > 0)
      worst_vs_fmriprep_column = std::max(worst_vs_fmriprep_column, std::abs(fd[t] - column[t]));
  }
  EXPECT_LE(worst, 1e-10);
  std::cout << "FD max |difference| to numpy " << worst << ", to the TSV column "
            << worst_vs_fmriprep_column << "\n";
  // The simulator's own column (rounded to 8 significant digits) agrees to its rounding.
  EXPECT_LE(worst_vs_fmriprep_column, 1e-6);
}

TEST(DenoiseCensor, MaskWithDvarsMinSegmentAndDummiesEqualsNumpy) {
  const fs::path dir = denoise_test::scratch_dir("censor_sim");
  const fs::path tsv = denoise_test::simulated_confounds();
  struct Case {
    double fd;
    std::string dvars;
    int min_segment;
    int dummy;
  };
  for (const Case& c : {Case{0.2, "1.5", 5, 3}, Case{0.1, "none", 5, 0}, Case{0.15, "1.2", 8, 4}}) {
    ASSERT_TRUE(denoise_test::run_reference("censor " + tsv.string() + " " + std::to_string(c.fd) +
                                            " " + c.dvars + " " + std::to_string(c.min_segment) +
                                            " " + std::to_string(c.dummy) + " " +
                                            (dir / "m.tsv").string()));
    const Eigen::MatrixXd expected = denoise_test::read_matrix(dir / "m.tsv");
    ad::CensorOptions options;
    options.fd_threshold_mm = c.fd;
    options.std_dvars_threshold =
        c.dvars == "none" ? std::nullopt : std::optional<double>(std::stod(c.dvars));
    options.min_segment_length = c.min_segment;
    options.dummy_volumes = c.dummy;
    options.min_time_s = 0.0;
    const auto mask = ad::censor_volumes(acuroi::io::read_table(tsv), 2.0, options);
    EXPECT_EQ(mask_vector(mask), expected.col(0)) << "fd " << c.fd;
    EXPECT_EQ(mask.kept_count(), static_cast<Eigen::Index>(expected.sum()));
    EXPECT_EQ(mask.dummy_count, c.dummy);
    EXPECT_LT(mask.kept_count(), 120 - c.dummy) << "the case should censor motion volumes";
    EXPECT_EQ(mask.dummy_count + mask.motion_outlier_count + mask.short_segment_count,
              120 - mask.kept_count());
    for (std::size_t i = 0; i < mask.kept_indices.size(); ++i)
      EXPECT_TRUE(mask.kept[static_cast<std::size_t>(mask.kept_indices[i])]);
  }
}

TEST(DenoiseCensor, FdFromMotionAndNonSteadyStateColumnsEqualsNumpy) {
  const fs::path dir = denoise_test::scratch_dir("censor_motion");
  const fs::path tsv = write_motion_only_tsv(dir);
  // The non_steady_state columns flag volumes 0 and 1: the reference drops the first 2.
  ASSERT_TRUE(denoise_test::run_reference("censor " + tsv.string() + " 0.5 none 5 2 " +
                                          (dir / "m.tsv").string()));
  const Eigen::MatrixXd expected = denoise_test::read_matrix(dir / "m.tsv");
  ad::CensorOptions options;  // defaults: FD 0.5, min segment 5, dummies from the columns
  options.std_dvars_threshold.reset();
  options.min_time_s = 0.0;
  const auto mask = ad::censor_volumes(acuroi::io::read_table(tsv), 2.0, options);
  EXPECT_EQ(mask_vector(mask), expected.col(0));
  EXPECT_EQ(mask.dummy_count, 2);
  EXPECT_GE(mask.motion_outlier_count, 5);
  EXPECT_GE(mask.short_segment_count, 2);  // volume 32 (spikes 30/33) and 61 (spike 60-61)
  EXPECT_FALSE(mask.excluded);
}

TEST(DenoiseCensor, AllScrubbedAndTooShortAreExcludedWithReason) {
  const fs::path dir = denoise_test::scratch_dir("censor_excluded");
  const auto table = acuroi::io::read_table(write_motion_only_tsv(dir));
  ad::CensorOptions all;
  all.std_dvars_threshold.reset();
  all.fd_threshold_mm = 0.0;  // every step > 0: only volume 0 survives, then the segment rule
  all.dummy_volumes = 0;
  const auto scrubbed = ad::censor_volumes(table, 2.0, all);
  EXPECT_EQ(scrubbed.kept_count(), 0);
  EXPECT_TRUE(scrubbed.excluded);
  EXPECT_NE(scrubbed.exclusion_reason.find("all 100 volumes censored"), std::string::npos)
      << scrubbed.exclusion_reason;

  ad::CensorOptions short_run;  // 100 volumes x 2 s = 200 s < 240 s even before censoring
  short_run.std_dvars_threshold.reset();
  const auto too_short = ad::censor_volumes(table, 2.0, short_run);
  EXPECT_TRUE(too_short.excluded);
  EXPECT_GT(too_short.kept_count(), 0);
  EXPECT_NE(too_short.exclusion_reason.find("at least 240 s required"), std::string::npos)
      << too_short.exclusion_reason;
  short_run.min_time_s = 120.0;
  EXPECT_FALSE(ad::censor_volumes(table, 2.0, short_run).excluded);
}

TEST(DenoiseCensor, OldFmriprepNamesGiveTheNumpyMask) {
  const fs::path dir = denoise_test::scratch_dir("censor_old");
  ASSERT_TRUE(denoise_test::run_reference("make_old " + denoise_test::simulated_confounds().string() +
                                          " " + (dir / "old.tsv").string()));
  ASSERT_TRUE(denoise_test::run_reference("censor " + (dir / "old.tsv").string() + " 0.2 1.5 5 2 " +
                                          (dir / "m.tsv").string()));
  const Eigen::MatrixXd expected = denoise_test::read_matrix(dir / "m.tsv");
  const auto table = acuroi::io::read_table(dir / "old.tsv");
  ASSERT_TRUE(table.has_column("FramewiseDisplacement"));
  ASSERT_TRUE(table.has_column("stdDVARS"));
  ad::CensorOptions options;
  options.fd_threshold_mm = 0.2;
  options.dummy_volumes = 2;
  options.min_time_s = 0.0;
  const auto mask = ad::censor_volumes(table, 2.0, options);
  EXPECT_EQ(mask_vector(mask), expected.col(0));
  EXPECT_GT(mask.motion_outlier_count, 0);
}
