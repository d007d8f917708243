// Strategy column selection against denoise_reference.py (numpy) on the simulated confounds TSV
// and on an old-fMRIPrep-names version of it.
#include <gtest/gtest.h>

#include "acuroi/core/error.hpp"
#include "acuroi/denoise/confounds.hpp"
#include "acuroi/io/json.hpp"
#include "denoise_test_support.hpp"

namespace ad = acuroi::denoise;
namespace fs = std::filesystem;
using denoise_test::read_matrix;
using denoise_test::relative_difference;

namespace {

void expect_selection_matches(const fs::path& tsv, const std::string& strategy,
                              const std::vector<std::string>& patterns, std::size_t columns) {
  const fs::path dir = denoise_test::scratch_dir("select_" + strategy);
  std::string arguments = tsv.string() + " " + strategy + " " + (dir / "ref.tsv").string();
  for (const auto& p : patterns) arguments += " '" + p + "'";
  ASSERT_TRUE(denoise_test::run_reference("select " + arguments));
  std::vector<std::string> expected_names;
  const Eigen::MatrixXd expected = read_matrix(dir / "ref.tsv", &expected_names);

  ad::ConfoundSelection selection;
  selection.strategy = ad::parse_confound_strategy(strategy);
  selection.custom_columns = patterns;
  const auto table = acuroi::io::read_table(tsv);
  const ad::ConfoundMatrix got = ad::select_confounds(table, selection);
  EXPECT_EQ(got.names, expected_names) << strategy;
  EXPECT_EQ(got.names.size(), columns) << strategy;
  EXPECT_FALSE(got.values.hasNaN());
  EXPECT_LE(relative_difference(got.values, expected), 1e-12) << strategy;
}

}  // namespace

TEST(DenoiseConfounds, StrategiesMatchNumpyOnSimulatedTsv) {
  const fs::path tsv = denoise_test::simulated_confounds();
  ASSERT_TRUE(fs::exists(tsv)) << tsv;
  expect_selection_matches(tsv, "6P", {}, 6);
  expect_selection_matches(tsv, "24P", {}, 24);
  expect_selection_matches(tsv, "36P", {}, 36);
  expect_selection_matches(tsv, "acompcor", {}, 5);
  expect_selection_matches(tsv, "custom", {"cosine*", "csf", "a_comp_cor_0?"}, 9);
}

TEST(DenoiseConfounds, OldFmriprepNamesWithComputedExpansions) {
  const fs::path dir = denoise_test::scratch_dir("old_names");
  ASSERT_TRUE(denoise_test::run_reference("make_old " +
                                          denoise_test::simulated_confounds().string() + " " +
                                          (dir / "old.tsv").string()));
  const auto table = acuroi::io::read_table(dir / "old.tsv");
  ASSERT_TRUE(table.has_column("RotX"));
  ASSERT_FALSE(table.has_column("trans_x_derivative1"));
  expect_selection_matches(dir / "old.tsv", "6P", {}, 6);
  expect_selection_matches(dir / "old.tsv", "24P", {}, 24);
  expect_selection_matches(dir / "old.tsv", "36P", {}, 36);
  expect_selection_matches(dir / "old.tsv", "acompcor", {}, 5);
}

TEST(DenoiseConfounds, MissingColumnErrorListsColumns) {
  const auto table =
      acuroi::io::parse_table("trans_x\ttrans_y\ttrans_z\trot_x\trot_y\n1\t2\t3\t4\t5\n",
                              acuroi::io::TableFormat::tsv(), "my_confounds.tsv");
  try {
    ad::select_confounds(table, {.strategy = ad::ConfoundStrategy::p6});
    FAIL() << "expected InputError";
  } catch (const acuroi::core::InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("my_confounds.tsv"), std::string::npos) << message;
    EXPECT_NE(message.find("rot_z"), std::string::npos) << message;
    EXPECT_NE(message.find("RotZ"), std::string::npos) << message;
    EXPECT_NE(message.find("trans_x, trans_y, trans_z, rot_x, rot_y"), std::string::npos)
        << message;
  }
  EXPECT_THROW(ad::select_confounds(table, {.strategy = ad::ConfoundStrategy::custom,
                                            .custom_columns = {"cosine*"}}),
               acuroi::core::InputError);
  EXPECT_THROW(ad::parse_confound_strategy("27P"), acuroi::core::InputError);
}

TEST(DenoiseConfounds, NaNAfterFirstRowIsAnError) {
  const auto table =
      acuroi::io::parse_table("csf\nn/a\n1\nn/a\n2\n", acuroi::io::TableFormat::tsv(), "gap.tsv");
  EXPECT_THROW(ad::confound_column(table, "csf"), acuroi::core::InputError);
}

TEST(DenoiseConfounds, AcompcorByCumulativeVarianceFromSidecar) {
  // Hand-made sidecar: the WM components come first in the file but only "combined" counts;
  // combined cumulative variance 0.2, 0.35, 0.5, 0.7 -> threshold 0.5 keeps 3, 0.36 keeps 3,
  // 0.35 keeps 2, 0.7 keeps 4.
  const auto table = acuroi::io::parse_table(
      "a_comp_cor_00\ta_comp_cor_01\ta_comp_cor_02\ta_comp_cor_03\ta_comp_cor_04\ta_comp_cor_05\n"
      "1\t2\t3\t4\t5\t6\n2\t3\t4\t5\t6\t8\n",
      acuroi::io::TableFormat::tsv(), "conf.tsv");
  const auto sidecar = acuroi::io::parse_json(R"({
    "a_comp_cor_00": {"Mask": "WM", "CumulativeVarianceExplained": 0.6},
    "a_comp_cor_01": {"Mask": "combined", "CumulativeVarianceExplained": 0.2},
    "a_comp_cor_02": {"Mask": "combined", "CumulativeVarianceExplained": 0.35},
    "a_comp_cor_03": {"Mask": "combined", "CumulativeVarianceExplained": 0.5},
    "a_comp_cor_04": {"Mask": "combined", "CumulativeVarianceExplained": 0.7},
    "a_comp_cor_05": {"Mask": "CSF", "CumulativeVarianceExplained": 0.9}})",
                                              "conf.json");
  const auto names = [&](double variance) {
    return ad::select_confounds(
               table, {.strategy = ad::ConfoundStrategy::acompcor, .acompcor_variance = variance},
               &sidecar)
        .names;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(0.5), (V{"a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03"}));
  EXPECT_EQ(names(0.36), (V{"a_comp_cor_01", "a_comp_cor_02", "a_comp_cor_03"}));
  EXPECT_EQ(names(0.35), (V{"a_comp_cor_01", "a_comp_cor_02"}));
  EXPECT_EQ(names(0.7).size(), 4u);
  EXPECT_THROW(names(0.95), acuroi::core::InputError);
  EXPECT_THROW(ad::select_confounds(
                   table, {.strategy = ad::ConfoundStrategy::acompcor, .acompcor_variance = 0.5}),
               acuroi::core::InputError);  // no sidecar
  // By count: the first N in index order.
  const auto first = ad::select_confounds(
      table, {.strategy = ad::ConfoundStrategy::acompcor, .acompcor_components = 2});
  EXPECT_EQ(first.names, (V{"a_comp_cor_00", "a_comp_cor_01"}));
  EXPECT_THROW(ad::select_confounds(
                   table, {.strategy = ad::ConfoundStrategy::acompcor, .acompcor_components = 7}),
               acuroi::core::InputError);
}

TEST(DenoiseConfounds, GlobMatch) {
  EXPECT_TRUE(ad::glob_match("cosine*", "cosine00"));
  EXPECT_TRUE(ad::glob_match("*_power2", "csf_power2"));
  EXPECT_TRUE(ad::glob_match("a_comp_cor_0?", "a_comp_cor_05"));
  EXPECT_FALSE(ad::glob_match("a_comp_cor_0?", "a_comp_cor_10"));
  EXPECT_FALSE(ad::glob_match("cosine*", "csf"));
  EXPECT_TRUE(ad::glob_match("*", ""));
  EXPECT_FALSE(ad::glob_match("?", ""));
}
