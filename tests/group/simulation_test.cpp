// Simulated studies on ROI-level values through analyse_group (seeded, seconds):
// - under no effect the primary between-arm test (Welch) rejects at 5% in 3.5–6.5% of 1000 null
//   studies and its 95% CI covers the true difference (0) in 93.5–96.5% of them (binomial SD of
//   both rates with 1000 studies: 0.69 points, so the windows are ±2.2 SD); the same for the
//   ANCOVA arm coefficient in homoscedastic null studies;
// - planted effects are found with the expected sign and size (one study, and the mean estimate
//   over 200 studies within 3 Monte Carlo SE of the truth).
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "acuroi/group/analysis.hpp"
#include "study_fixture.hpp"

using namespace acuroi::group;
using group_test::PlantedColumn;
using group_test::SimulationSpec;

namespace {

const TestRow& find_test(const GroupResults& r, const std::string& roi, const std::string& test) {
  for (const TestRow& t : r.tests)
    if (t.roi == roi && t.test == test) return t;
  throw std::runtime_error("no test " + test + " for " + roi);
}

const GlmRow& find_coefficient(const GroupResults& r, const std::string& roi,
                               const std::string& model, const std::string& term) {
  for (const GlmRow& g : r.glm)
    if (g.roi == roi && g.model == model && g.term == term) return g;
  throw std::runtime_error("no GLM row " + model + "/" + term + " for " + roi);
}

GroupOptions no_permutations() {
  GroupOptions o;
  o.permutations = 0;
  return o;
}

}  // namespace

TEST(GroupSimulation, WelchLevelAndCoverageUnderTheNull) {
  SimulationSpec spec;
  spec.n_active = 10;
  spec.n_control = 18;  // unequal sizes and variances: where Welch matters
  spec.columns = {{"ACC", "alff", 0.0, 0.1, 0.45, 0.2}, {"insula", "alff", 0.0, 0.0, 0.3, 0.3}};
  const GroupOptions options = no_permutations();
  int rejected = 0, covered = 0;
  const int studies = 1000;
  for (int s = 0; s < studies; ++s) {
    const GroupResults r = analyse_group(group_test::simulate_values(spec, 1000 + s), options);
    const TestRow& t = find_test(r, "ACC", "welch_t");
    ASSERT_TRUE(t.status.empty()) << t.status;
    rejected += t.p < 0.05;
    covered += t.ci_lower <= 0.0 && 0.0 <= t.ci_upper;
  }
  const double rate = 100.0 * rejected / studies, coverage = 100.0 * covered / studies;
  std::cout << "null studies: Welch rejects " << rate << "%, 95% CI covers " << coverage << "%\n";
  EXPECT_GE(rate, 3.5);
  EXPECT_LE(rate, 6.5);
  EXPECT_GE(coverage, 93.5);
  EXPECT_LE(coverage, 96.5);
}

TEST(GroupSimulation, AncovaLevelAndCoverageUnderTheNull) {
  SimulationSpec spec;
  spec.n_active = 15;
  spec.n_control = 15;
  spec.columns = {{"ACC", "alff", 0.0, -0.2, 0.3, 0.3, 0.01}};
  GroupOptions options = no_permutations();
  options.covariates = {"age"};
  int rejected = 0, covered = 0;
  const int studies = 1000;
  for (int s = 0; s < studies; ++s) {
    const GroupResults r = analyse_group(group_test::simulate_values(spec, 5000 + s), options);
    const GlmRow& g = find_coefficient(r, "ACC", "ancova", "arm[T.acupuncture]");
    rejected += g.p < 0.05;
    covered += g.ci_lower <= 0.0 && 0.0 <= g.ci_upper;
  }
  const double rate = 100.0 * rejected / studies, coverage = 100.0 * covered / studies;
  std::cout << "null studies: ANCOVA arm rejects " << rate << "%, 95% CI covers " << coverage
            << "%\n";
  EXPECT_GE(rate, 3.5);
  EXPECT_LE(rate, 6.5);
  EXPECT_GE(coverage, 93.5);
  EXPECT_LE(coverage, 96.5);
}

TEST(GroupSimulation, PlantedEffectsAreFoundWithTheirSignAndSize) {
  SimulationSpec spec;
  spec.n_active = 30;
  spec.n_control = 30;
  spec.columns = {
      {"ACC", "alff", -0.4, -0.1, 0.3, 0.3}, {"insula", "alff", 0.0, 0.0, 0.3, 0.3},
      {"S1", "alff", 0.35, 0.05, 0.3, 0.3},  {"thalamus", "alff", 0.0, 0.1, 0.3, 0.3},
      {"ACC", "falff", 0.0, 0.0, 0.3, 0.3},  {"DMN", "fc_within_z", 0.3, 0.0, 0.25, 0.25}};
  GroupOptions options;
  options.permutations = 2000;
  options.permutation_seed = 11;
  const GroupResults r = analyse_group(group_test::simulate_values(spec, 77), options);
  for (const PlantedColumn& c : spec.columns) {
    const TestRow* welch = nullptr;
    for (const TestRow& t : r.tests)
      if (t.roi == c.roi && t.measure == c.measure && t.test == "welch_t") welch = &t;
    ASSERT_NE(welch, nullptr);
    // The estimate is within 3 SE of the planted difference, and so is the ANCOVA's.
    EXPECT_LT(std::fabs(welch->estimate - c.effect), 3.0 * welch->se) << c.roi << "/" << c.measure;
    const GlmRow* ancova = nullptr;
    for (const GlmRow& g : r.glm)
      if (g.roi == c.roi && g.measure == c.measure && g.model == "ancova" &&
          g.term == "arm[T.acupuncture]")
        ancova = &g;
    ASSERT_NE(ancova, nullptr);
    EXPECT_LT(std::fabs(ancova->estimate - c.effect), 3.0 * ancova->se);
    if (c.effect != 0.0) {
      // Found: right sign, significant after max-T family-wise correction and after BH.
      EXPECT_EQ(std::signbit(welch->estimate), std::signbit(c.effect)) << c.roi;
      EXPECT_EQ(std::signbit(welch->hedges_g), std::signbit(c.effect));
      EXPECT_LT(welch->p_fwe, 0.05) << c.roi << "/" << c.measure;
      EXPECT_LT(welch->p_adjusted, 0.05);
      EXPECT_LT(ancova->p_fwe, 0.05);
      // Hedges' g near the planted standardised difference effect / sd.
      const double true_g = c.effect / c.sd_active;
      EXPECT_LT(std::fabs(welch->hedges_g - true_g), 3.0 * std::sqrt(welch->hedges_g_variance));
    }
  }
}

TEST(GroupSimulation, MeanEstimatesOver200StudiesMatchThePlantedEffects) {
  SimulationSpec spec;
  spec.n_active = 12;
  spec.n_control = 14;
  spec.columns = {{"ACC", "alff", -0.25, 0.05, 0.3, 0.25}, {"S1", "reho", 0.15, 0.0, 0.2, 0.3}};
  const GroupOptions options = no_permutations();
  const int studies = 200;
  for (const PlantedColumn& c : spec.columns) {
    double sum = 0, sum_squares = 0, record_sum = 0;
    for (int s = 0; s < studies; ++s) {
      const GroupResults r = analyse_group(group_test::simulate_values(spec, 9000 + s), options);
      const double estimate = find_test(r, c.roi, "welch_t").estimate;
      sum += estimate;
      sum_squares += estimate * estimate;
      for (const RecordRow& rec : r.records)
        if (rec.record.roi == c.roi) record_sum += rec.record.mean_difference;
    }
    const double mean = sum / studies;
    const double mc_se = std::sqrt((sum_squares / studies - mean * mean) / studies);
    std::cout << c.roi << "/" << c.measure << ": planted " << c.effect << ", mean estimate " << mean
              << " (Monte Carlo SE " << mc_se << ")\n";
    EXPECT_LT(std::fabs(mean - c.effect), 3.0 * mc_se);
    EXPECT_NEAR(record_sum / studies, mean, 1e-12);  // the study record holds the same MD
  }
}
