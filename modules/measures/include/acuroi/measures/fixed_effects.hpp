// Fixed-effects combination of one estimate over runs (nilearn's compute_fixed_effects, SPM's
// fixed-effects second level): inverse-variance weights w_i = 1 / se_i^2,
//   estimate = sum w_i b_i / sum w_i,  se = 1 / sqrt(sum w_i),  t = estimate / se.
// Runs with a non-finite estimate or a non-finite or non-positive SE are left out; none left ->
// NaN everywhere and runs_used 0.
//
//   FixedEffect f = combine_fixed_effects({{0.8, 0.2}, {1.1, 0.3}});
#pragma once
#include <vector>

namespace acuroi::measures {

struct RunEstimate {
  double estimate = 0.0;
  double standard_error = 0.0;
};

struct FixedEffect {
  double estimate = 0.0;
  double standard_error = 0.0;
  double t = 0.0;
  int runs_used = 0;
};

FixedEffect combine_fixed_effects(const std::vector<RunEstimate>& runs);

}  // namespace acuroi::measures
