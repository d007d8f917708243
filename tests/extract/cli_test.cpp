// End to end: the built `acuroi extract` on generated files, its TSV against numpy, exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "extract_test_support.hpp"

namespace acuroi::extract {
namespace {

using testing::reference;

struct Result {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result run_acuroi(const std::string& arguments, const std::string& tag) {
  const auto dir = std::filesystem::path(EXTRACT_TEST_WORK_DIR) / "cli";
  std::filesystem::create_directories(dir);
  const auto out = dir / (tag + ".stdout"), err = dir / (tag + ".stderr");
  const std::string command =
      std::string(ACUROI_BINARY) + " " + arguments + " > " + out.string() + " 2> " + err.string();
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

std::vector<std::vector<std::string>> parse_tsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::istringstream s(line);
    for (std::string cell; std::getline(s, cell, '\t');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

TEST(Cli, ExtractWithAalAtlasEqualsNumpy) {
  const auto output = std::filesystem::path(EXTRACT_TEST_WORK_DIR) / "cli" / "aal_mean.tsv";
  std::filesystem::remove(output);
  const Result r =
      run_acuroi("extract " + reference("bold_mni2.nii.gz").string() + " --atlas aal --mask " +
                     reference("mask_mni2.nii.gz").string() + " -o " + output.string(),
                 "aal_mean");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");  // nothing else on stdout
  const auto rows = parse_tsv(slurp(output));
  const auto rois = testing::read_rois("rois_aal_mni2.tsv");
  const auto R = static_cast<Eigen::Index>(rois.size());
  const Eigen::MatrixXd expected = testing::read_stats("stat_aal_mni2_mean.f64", R);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(expected.rows() + 1));
  ASSERT_EQ(rows[0].size(), rois.size());
  double worst = 0;
  for (std::size_t c = 0; c < rois.size(); ++c) {
    EXPECT_EQ(rows[0][c], rois[c].name);
    const bool nan_column = rois[c].usable_voxel_count == 0 || rois[c].coverage < 0.5;
    for (Eigen::Index t = 0; t < expected.rows(); ++t) {
      const std::string& cell = rows[static_cast<std::size_t>(t) + 1].at(c);
      if (nan_column) {
        EXPECT_EQ(cell, "n/a") << rois[c].name;
        continue;
      }
      const double ours = std::stod(cell), ref = expected(t, static_cast<Eigen::Index>(c));
      const double error = std::abs(ours - ref) / std::abs(ref);
      EXPECT_LE(error, 1e-5) << rois[c].name << " volume " << t;
      worst = std::max(worst, error);
    }
  }
  std::cout << "[ measured ] acuroi extract --atlas aal TSV vs numpy: max relative error " << worst
            << "\n";
  // Without -o the same TSV goes to stdout, and only it.
  const Result to_stdout =
      run_acuroi("extract " + reference("bold_mni2.nii.gz").string() + " --atlas aal --mask " +
                     reference("mask_mni2.nii.gz").string(),
                 "aal_stdout");
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  EXPECT_EQ(to_stdout.out, slurp(output));
}

TEST(Cli, LasAtlasFileWithBidsTableAndMedianOnObliqueGridEqualsNumpy) {
  const auto output = std::filesystem::path(EXTRACT_TEST_WORK_DIR) / "cli" / "ho_median.tsv";
  std::filesystem::remove(output);
  const Result r = run_acuroi("extract " + reference("bold_obl3.nii.gz").string() + " --atlas " +
                                  testing::kHarvardOxford + " --labels " +
                                  reference("ho_dseg.tsv").string() + " --mask " +
                                  reference("mask_obl3.nii.gz").string() +
                                  " --strategy median --min-coverage 0.25 -o " + output.string(),
                              "ho_median");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = parse_tsv(slurp(output));
  const auto rois = testing::read_rois("rois_ho_obl3.tsv");  // ascending values
  const auto R = static_cast<Eigen::Index>(rois.size());
  const Eigen::MatrixXd expected = testing::read_stats("stat_ho_obl3_median.f64", R);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(expected.rows() + 1));
  ASSERT_EQ(rows[0].size(), rois.size());
  int compared = 0;
  for (std::size_t c = 0; c < rois.size(); ++c) {
    const std::size_t ref = rois.size() - 1 - c;  // the table lists values in descending order
    EXPECT_EQ(rows[0][c], "HO_" + std::to_string(rois[ref].value));
    const bool nan_column = rois[ref].usable_voxel_count == 0 || rois[ref].coverage < 0.25;
    for (Eigen::Index t = 0; t < expected.rows(); ++t) {
      const std::string& cell = rows[static_cast<std::size_t>(t) + 1].at(c);
      if (nan_column) {
        EXPECT_EQ(cell, "n/a") << rows[0][c];
        continue;
      }
      const double want = expected(t, static_cast<Eigen::Index>(ref));
      EXPECT_LE(std::abs(std::stod(cell) - want), 1e-5 * std::abs(want)) << rows[0][c];
      ++compared;
    }
  }
  EXPECT_GT(compared, 0);
}

TEST(Cli, AtlasValuesMissingFromTheTableAreReportedNotSilentlyDropped) {
  const auto dir = std::filesystem::path(EXTRACT_TEST_WORK_DIR) / "cli";
  std::filesystem::create_directories(dir);
  const auto table = dir / "ho_two_labels.tsv";
  std::ofstream(table) << "index\tname\n7\tseven\n21\ttwenty_one\n";
  const auto output = dir / "ho_two.tsv";
  const Result r = run_acuroi("extract " + reference("bold_obl3.nii.gz").string() + " --atlas " +
                                  testing::kHarvardOxford + " --labels " + table.string() +
                                  " -o " + output.string(),
                              "ho_two");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(parse_tsv(slurp(output))[0], (std::vector<std::string>{"seven", "twenty_one"}));
  const auto all = testing::read_rois("rois_ho_obl3.tsv").size();
  EXPECT_NE(r.err.find(std::to_string(all - 2) + " label value(s) in the image are not listed"),
            std::string::npos)
      << r.err;
}

TEST(Cli, TruncatedInputExitsWithCode3NamingTheFile) {
  const auto path = reference("bold_truncated.nii.gz").string();
  const Result r = run_acuroi("extract " + path + " --atlas aal", "truncated");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Cli, MaskOnAnotherGridExitsWithCode3NamingBothFiles) {
  const auto bold = reference("bold_mni2.nii.gz").string();
  const auto mask = reference("mask_shifted.nii.gz").string();
  const Result r = run_acuroi("extract " + bold + " --mask " + mask, "shifted_mask");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(bold), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(mask), std::string::npos) << r.err;
}

TEST(Cli, UnknownStrategyIsAUsageError) {
  const Result r =
      run_acuroi("extract " + reference("bold_obl3.nii.gz").string() + " --strategy avg", "avg");
  EXPECT_EQ(r.exit_code, 2);
}


TEST(Cli, H5OutputIsReadableWithH5pyAndEqualsTheTsv) {
  const auto dir = std::filesystem::path(EXTRACT_TEST_WORK_DIR) / "cli";
  const auto tsv = dir / "h5_same.tsv", h5 = dir / "h5_same.h5";
  const std::string common = "extract " + reference("bold_mni2.nii.gz").string() + " --atlas aal --mask " +
                             reference("mask_mni2.nii.gz").string() + " -o ";
  ASSERT_EQ(run_acuroi(common + tsv.string(), "h5_tsv").exit_code, 0);
  const Result r = run_acuroi(common + h5.string(), "h5_h5");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string check = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                            "/tests/extract/check_extract_h5.py " + h5.string() + " " + tsv.string() + " " +
                            reference("bold_mni2.nii.gz").string();
  EXPECT_EQ(std::system(check.c_str()), 0);
  const Result bad = run_acuroi(common + (dir / "out.csv").string(), "h5_bad_ext");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(".tsv or .h5"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace acuroi::extract
