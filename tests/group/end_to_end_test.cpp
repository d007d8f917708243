// End to end: `acuroi simulate` (8 mm, 6 participants per arm, 150 volumes, planted effects ×3)
// → `acuroi participant` → `acuroi group`. The planted effects of the ground truth
// (acuroi_ground_truth.json: mean shift and ALFF amplitude ratio per ROI) are found with the
// expected sign between arms and in the active arm, and the active arm's relative change of the
// ROI mean is within ±50% of the planted mean shift (the realised shift is diluted by smoothing
// and partial volume, so not equal to it). A few seconds.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iostream>

#include "acuroi/io/table.hpp"
#include "study_fixture.hpp"

namespace {

const char* const kRois[] = {"ACC", "insula", "S1", "thalamus", "DMN"};

std::string config_text(const std::filesystem::path& dir) {
  return "study:\n  name: e2e\n  dataset: " + (dir / "data").string() +
         "\n  arms: [acupuncture, sham]\n"
         "rois:\n  atlas: aal\n  preset: " +
         std::string(ACUROI_SOURCE_DIR) +
         "/configs/pain-network.yaml\n"
         "denoise:\n  min_time_seconds: 0\n"
         "measures:\n  compute: [mean, alff]\n"
         "group:\n  covariates: [age, sex]\n  categorical: [sex]\n  permutations: 1000\n"
         "output:\n  dir: " +
         (dir / "out").string() + "\n  write_tsv: false\n";
}

// Row of `table` whose columns match every (column, value) of `keys`.
std::size_t find_row(const acuroi::io::Table& table,
                     const std::vector<std::pair<std::string, std::string>>& keys) {
  for (std::size_t r = 0; r < table.row_count(); ++r) {
    bool match = true;
    for (const auto& [column, value] : keys) match = match && table.cell(r, column) == value;
    if (match) return r;
  }
  throw std::runtime_error("no row in " + table.source());
}

}  // namespace

TEST(GroupEndToEnd, PlantedEffectsOfASimulatedStudyAreFound) {
  group_test::ScratchDir dir;
  const std::string acuroi = ACUROI_BINARY;
  const auto simulate = group_test::run_program(
      acuroi + " simulate --out " + (dir.path() / "data").string() +
      " --participants 6 --resolution 8 --volumes 150 --seed 7 --effect-scale 3");
  ASSERT_EQ(simulate.exit_code, 0) << simulate.err;
  const auto config = dir.write("study.yaml", config_text(dir.path()));
  const auto participant = group_test::run_program(acuroi + " participant " + config.string());
  ASSERT_EQ(participant.exit_code, 0) << participant.out << participant.err;
  const auto group = group_test::run_program(acuroi + " group " + config.string());
  ASSERT_EQ(group.exit_code, 0) << group.err;

  std::ifstream truth_file(dir.path() / "data" / "acuroi_ground_truth.json");
  const nlohmann::json truth = nlohmann::json::parse(truth_file).at("roi_effects");
  const auto tests = acuroi::io::read_table(dir.path() / "out" / "group" / "group_tests.tsv");
  const auto records =
      acuroi::io::read_table(dir.path() / "out" / "group" / "group_study_records.tsv");
  for (const std::string roi : kRois) {
    const double shift_between = truth.at(roi).at("mean_shift_percent").at("between_arm");
    const double shift_active = truth.at(roi).at("mean_shift_percent").at("acupuncture");
    const double log_ratio_between = truth.at(roi).at("amplitude_log_ratio").at("between_arm");
    const double log_ratio_active = truth.at(roi).at("amplitude_log_ratio").at("acupuncture");
    for (const auto& [measure, between, active] :
         {std::tuple{"mean", shift_between, shift_active},
          std::tuple{"alff", log_ratio_between, log_ratio_active}}) {
      const std::size_t t =
          find_row(tests, {{"roi", roi}, {"measure", measure}, {"test", "welch_t"}});
      const std::size_t r = find_row(records, {{"roi", roi}, {"measure", measure}});
      const double difference = tests.number(t, "estimate");
      const double active_change = records.number(r, "active_mean_change");
      std::cout << roi << "/" << measure << ": between-arm difference " << difference << " (p "
                << tests.number(t, "p") << ", planted " << between << "), active-arm change "
                << active_change << "\n";
      EXPECT_EQ(std::signbit(difference), std::signbit(between)) << roi << "/" << measure;
      EXPECT_EQ(std::signbit(active_change), std::signbit(active)) << roi << "/" << measure;
      EXPECT_EQ(records.number(r, "active_n"), 6.0);
      if (std::string(measure) != "mean") continue;
      const double relative = 100.0 * active_change / records.number(r, "active_mean_pre");
      EXPECT_GT(relative / shift_active, 0.5) << roi << ": " << relative << "% vs " << shift_active;
      EXPECT_LT(relative / shift_active, 1.5) << roi << ": " << relative << "% vs " << shift_active;
    }
  }
}
