// The group analysis of one study: for every ROI × measure the within-arm paired t (and Wilcoxon),
// the between-arm Welch and Student t on the change with effect sizes (and Mann–Whitney), the
// study-level record, the ANCOVA `post ~ arm + pre + covariates` and the change model
// `change ~ arm + covariates`; permutation inference with max-T across ROIs × measures; and p
// adjusted for multiplicity across ROIs × measures. Statistics: the stats module.
//
// Study-level problems are errors (stats::StatsError, a core::InputError): an arm with fewer than
// 2 participants, a covariate missing or not a number for some participants, a constant covariate,
// a singular design. A problem of one ROI × measure (too few values, a constant column) is recorded
// in the rows' status and in `warnings`, never a silent NaN. Same inputs, same numbers at any
// thread count.
//
//   StudyValues values = collect_study_values(measures, study_design(config));
//   GroupResults results = analyse_group(values, group_options(config));
#pragma once
#include "acuroi/group/results.hpp"
#include "acuroi/group/study_values.hpp"

namespace acuroi::group {

// Throws stats::StatsError for the study-level problems above.
void check_study(const StudyValues& values, const GroupOptions& options);

GroupResults analyse_group(const StudyValues& values, const GroupOptions& options);

}  // namespace acuroi::group
