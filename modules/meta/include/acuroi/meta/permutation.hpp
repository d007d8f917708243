// Permutation test for an rma fit, as metafor's permutest() (approximate, with a seed): the effect
// sizes (intercept-only: signs flipped) or the rows of the moderators are permuted, the model is
// refitted, and p-values count permuted statistics at least as extreme as observed (+1 in both
// numerator and denominator, as metafor: (sum(|stat_perm| >= |stat_obs|) + 1) / (iter + 1)).
// Same seed -> same p-values at any thread count.
//
//   PermutationTest pt = permutation_test(fit, 1000, 42);   // pt.pval[j], pt.QMp
#pragma once
#include <cstdint>
#include <vector>

#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

struct PermutationTest {
  std::size_t iterations = 0;
  std::vector<double> pval;  // per coefficient
  double QMp = 1;            // omnibus test of the moderators (of the intercept when intercept-only)
};

PermutationTest permutation_test(const RmaFit& fit, std::size_t iterations = 1000, std::uint64_t seed = 1);

}  // namespace acuroi::meta
