// The studies trim-and-fill fills in (meta_trimfill_filled.tsv and the HDF5 group trimfill_filled/):
// BCG vaccine trials (metafor's dat.bcg, log risk ratios as escalc) pooled by `acuroi meta` with
// FE, DL and REML. The filled yi/vi, k0 and side equal metafor 3.8.1's trimfill (L0) from
// /work/shared/reference/meta (data/bcg_logRR_trimfill_metafor.tsv) at 1e-6 relative (yi: the
// estimate of the trimmed data is iterative under REML) and 1e-12 (vi: copied study variances),
// and crosscheck_meta.py recomputes them with numpy (its own side test, L0 iteration and mirror),
// compares the HDF5 group with the TSV, and checks every other pooled number.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "acuroi/io/table.hpp"
#include "meta_fixture.hpp"

namespace {

using meta_test::ScratchDir;

std::string bcg_config(const std::string& method, const std::filesystem::path& out) {
  return "meta:\n  studies:\n"
         "    - {name: bcg, table: " + meta_test::data_file("bcg_logRR.csv") + ", roi: ACC, measure: mean}\n"
         "  effect_measure: RR\n  method: " + method + "\n  test: z\n  subgroup: alloc\n"
         "  output_dir: " + out.string() + "\n";
}

double reference(const acuroi::io::Table& t, const std::string& method, const std::string& quantity,
                 std::size_t index) {
  for (std::size_t r = 0; r < t.row_count(); ++r)
    if (t.cell(r, "method") == method && t.cell(r, "quantity") == quantity &&
        (t.cell(r, "index") == std::to_string(index) || t.cell(r, "index") == "intrcpt"))
      return t.number(r, "value");
  throw std::runtime_error("no reference " + method + " " + quantity + " " + std::to_string(index));
}

class TrimFillFilled : public ::testing::TestWithParam<std::string> {};

TEST_P(TrimFillFilled, EqualMetaforAndNumpyRecomputation) {
  const std::string method = GetParam();
  ScratchDir dir;
  const auto config = dir.write("bcg.yaml", bcg_config(method, dir.path() / "meta"));
  const auto run = meta_test::run_acuroi("meta " + config.string());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;

  const auto expected = acuroi::io::read_table(meta_test::data_file("bcg_logRR_trimfill_metafor.tsv"));
  const auto filled = acuroi::io::read_table(dir.path() / "meta" / "meta_trimfill_filled.tsv");
  const auto k0 = static_cast<std::size_t>(reference(expected, method, "k0", 1));
  ASSERT_GT(k0, 0u);
  ASSERT_EQ(filled.row_count(), k0);
  double worst_yi = 0;
  for (std::size_t j = 0; j < k0; ++j) {
    EXPECT_EQ(filled.cell(j, "roi"), "ACC");
    EXPECT_EQ(filled.cell(j, "measure"), "mean");
    EXPECT_EQ(filled.cell(j, "effect_measure"), "RR");
    EXPECT_EQ(filled.number(j, "filled"), static_cast<double>(j + 1));
    EXPECT_EQ(filled.cell(j, "side"), "right");  // metafor: side "right" for dat.bcg
    const double yi = reference(expected, method, "filled_yi", j + 1);
    const double vi = reference(expected, method, "filled_vi", j + 1);
    EXPECT_NEAR(filled.number(j, "yi"), yi, 1e-6 * std::abs(yi)) << method << " #" << j + 1;
    EXPECT_NEAR(filled.number(j, "vi"), vi, 1e-12 * vi) << method << " #" << j + 1;
    EXPECT_NEAR(filled.number(j, "sei"), std::sqrt(vi), 1e-12 * std::sqrt(vi));
    worst_yi = std::max(worst_yi, std::abs(filled.number(j, "yi") - yi) / std::abs(yi));
  }
  std::cout << "[ measured ] " << method << " k0 = " << k0 << ", filled yi max relative error vs metafor "
            << worst_yi << "\n";
  const auto small = acuroi::io::read_table(dir.path() / "meta" / "meta_small_study.tsv");
  for (std::size_t r = 0; r < small.row_count(); ++r)
    if (small.cell(r, "test") == "trim_and_fill_L0") {
      EXPECT_EQ(small.number(r, "k0"), static_cast<double>(k0));
      EXPECT_EQ(small.cell(r, "side"), "right");
      const double beta = reference(expected, method, "beta", 1);  // trimfill()'s estimate with the filled
      EXPECT_NEAR(small.number(r, "estimate"), beta, 1e-6 * std::abs(beta));
    }

  const auto check = meta_test::run_crosscheck(config);
  std::cout << check.out;
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("trim-and-fill filled yi/vi"), std::string::npos);
  EXPECT_NE(check.out.find("\nok\n"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Methods, TrimFillFilled, ::testing::Values("FE", "DL", "REML"));

}  // namespace
