// Permutation p-values (label permutation and Freedman–Lane, max-T) are the same bits with 1 and
// 2 TBB threads, and a function of the seed; FWE p ≥ uncorrected p; p on the (1 + k)/(1 + B) grid.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>

#include "acuroi/group/analysis.hpp"
#include "study_fixture.hpp"

using namespace acuroi::group;

namespace {

GroupResults run_with_threads(const StudyValues& v, const GroupOptions& o, int threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  return analyse_group(v, o);
}

StudyValues study() {
  group_test::SimulationSpec spec;
  spec.n_active = 20;
  spec.n_control = 22;
  spec.columns = {{"ACC", "alff", 0.2},  {"insula", "alff", 0.0}, {"S1", "alff", -0.1},
                  {"ACC", "falff", 0.0}, {"insula", "reho", 0.1}, {"ACC~insula", "fc_z", 0.0}};
  return group_test::simulate_values(spec, 21);
}

}  // namespace

TEST(GroupDeterminism, PermutationPValuesAreIdenticalAtOneAndTwoThreads) {
  const StudyValues v = study();
  GroupOptions o;
  o.permutations = 3000;
  o.permutation_seed = 5;
  o.covariates = {"age", "sex"};
  o.categorical = {"sex"};
  const GroupResults one = run_with_threads(v, o, 1), two = run_with_threads(v, o, 2);
  ASSERT_EQ(one.permutations.size(), 3u);  // between_welch_t, glm_ancova, glm_change
  for (std::size_t f = 0; f < one.permutations.size(); ++f) {
    const PermutationFamily &a = one.permutations[f], &b = two.permutations[f];
    EXPECT_TRUE(a.status.empty()) << a.status;
    EXPECT_EQ(a.tests.size(), 6u);
    EXPECT_EQ(a.p_uncorrected, b.p_uncorrected) << a.name;
    EXPECT_EQ(a.p_fwe, b.p_fwe) << a.name;
    EXPECT_EQ(a.max_abs_t, b.max_abs_t) << a.name;
    for (std::size_t k = 0; k < a.tests.size(); ++k) {
      EXPECT_GE(a.p_fwe[k], a.p_uncorrected[k]);
      const double count = a.p_uncorrected[k] * 3001.0 - 1.0;
      EXPECT_NEAR(count, std::round(count), 1e-6);
    }
  }
  std::size_t with_p = 0;
  for (std::size_t k = 0; k < one.tests.size(); ++k) {
    const TestRow &a = one.tests[k], &b = two.tests[k];
    EXPECT_EQ(std::isnan(a.p_fwe), std::isnan(b.p_fwe));
    if (std::isnan(a.p_fwe)) continue;
    ++with_p;
    EXPECT_EQ(a.test, "welch_t");
    EXPECT_EQ(a.p_fwe, b.p_fwe);
    EXPECT_EQ(a.p_permutation, b.p_permutation);
    // With 3000 permutations the permutation p is close to Welch's parametric p.
    EXPECT_NEAR(a.p_permutation, a.p, 0.03);
  }
  EXPECT_EQ(with_p, 6u);
  for (std::size_t k = 0; k < one.glm.size(); ++k) {
    EXPECT_EQ(std::isnan(one.glm[k].p_fwe), one.glm[k].term != "arm[T.acupuncture]");
    if (!std::isnan(one.glm[k].p_fwe)) EXPECT_EQ(one.glm[k].p_fwe, two.glm[k].p_fwe);
  }
  // Another seed, other permutations.
  o.permutation_seed = 6;
  const GroupResults other = run_with_threads(v, o, 2);
  EXPECT_NE(other.permutations[0].max_abs_t, one.permutations[0].max_abs_t);
}
