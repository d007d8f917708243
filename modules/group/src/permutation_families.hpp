// Permutation inference over all ROIs × measures of one test (a family), with max-T for
// family-wise error: the primary between-arm t by arm-label permutation, the arm coefficient of
// each GLM by Freedman–Lane. A family uses the participants that have a value in every one of its
// tests (the others are listed in PermutationFamily::left_out). Private to the group module.
#pragma once
#include "acuroi/group/results.hpp"
#include "covariates.hpp"

namespace acuroi::group::detail {

// Adds the family to results.permutations and fills p_permutation/p_fwe of its rows.
void run_between_permutations(const StudyValues& values, const GroupOptions& options,
                              GroupResults& results);
void run_glm_permutations(const StudyValues& values, const GroupOptions& options,
                          const CovariateColumns& covariates, const std::string& model,
                          GroupResults& results);

}  // namespace acuroi::group::detail
