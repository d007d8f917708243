// Permutation inference with family-wise error control by max-T across all tests (every ROI ×
// measure given in one call), two-sided on |t|:
//   p_uncorrected[j] = (1 + #{k : |t*_kj| ≥ |t_j|}) / (1 + n_permutations)
//   p_fwe[j]         = (1 + #{k : max_i |t*_ki| ≥ |t_j|}) / (1 + n_permutations)
// Between arms: the arm labels are permuted (the arm sizes stay fixed) and the Welch (or
// Student) t of active − control recomputed. GLM: Freedman–Lane — the residuals of the reduced
// model (the design without the tested coefficient) are permuted, added to its fitted values, the
// full model refitted, and the tested coefficient's t recomputed.
// Permutation k uses the same row permutation for every test (keeping their dependence) and is a
// function of (seed, k) only (see random.hpp); permutations run in parallel with TBB (the
// caller's tbb::global_control / task_arena decides the threads) and the results are identical
// bit for bit at any thread count. An undefined permuted statistic (0/0) counts as 0.
//
//   BetweenArmPermutationInput in{ids, is_active, {"ACC/alff", "S1/alff"}, change_matrix};
//   PermutationResult r = permute_between_arms(in, {.n_permutations = 5000, .seed = 42});
//   double p = r.p_fwe[0];
#pragma once
#include "acuroi/stats/design.hpp"
#include "acuroi/stats/t_tests.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace acuroi::stats {

struct PermutationOptions {
  std::size_t n_permutations = 5000;
  std::uint64_t seed = 0;
};

struct PermutationResult {
  std::vector<std::string> test_names;
  std::vector<double> t_observed;     // the statistic on the data (same kernel as permutations)
  std::vector<double> p_parametric;   // two-sided p of t_observed from the t distribution
  std::vector<double> p_uncorrected;  // permutation p per test
  std::vector<double> p_fwe;          // max-T family-wise corrected permutation p per test
  std::vector<double> max_abs_t;      // per permutation (index order): max over tests of |t*|
  std::size_t n_permutations = 0;
  std::uint64_t seed = 0;
};

struct BetweenArmPermutationInput {
  std::vector<std::string> participant_ids;  // rows
  std::vector<bool> active;                  // per participant: true = active arm
  std::vector<std::string> test_names;       // columns, e.g. "ACC/alff"
  Eigen::MatrixXd values;                    // participants × tests (the change post − pre)
  TwoSampleVariance variance = TwoSampleVariance::welch;
};

struct GlmPermutationTest {
  std::string name;                // e.g. "ACC/alff"
  Design design;                   // same participants, same order, in every test
  std::string tested_coefficient;  // e.g. "arm[T.acupuncture]"
};

// Throws StatsError: an arm with < 2 participants, a non-finite value (names the test and the
// participants), a constant test column, mismatched sizes, n_permutations = 0.
PermutationResult permute_between_arms(const BetweenArmPermutationInput& input,
                                       const PermutationOptions& options = {});
// Throws StatsError: no tests, designs with other participants than the first, an unknown tested
// coefficient, a singular design, a reduced model that fits the outcome exactly.
PermutationResult permute_glm(const std::vector<GlmPermutationTest>& tests,
                              const PermutationOptions& options = {});

}  // namespace acuroi::stats
