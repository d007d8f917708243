// The analysis of one ROI × measure (one column of StudyValues): tests, study record, GLMs.
// Private to the group module; analyse_group calls these for every column.
#pragma once
#include <vector>

#include "acuroi/group/results.hpp"
#include "acuroi/group/study_values.hpp"
#include "covariates.hpp"

namespace acuroi::group::detail {

// Appends the test rows of column j (paired t per arm, Wilcoxon per arm, Welch and Student t,
// Mann–Whitney) in that order; a test that cannot be computed gets a status.
void add_column_tests(const StudyValues& values, std::size_t j, const GroupOptions& options,
                      std::vector<TestRow>& tests);

// The study-level record of column j (active arm only in a single-arm study).
RecordRow column_record(const StudyValues& values, std::size_t j, const GroupOptions& options);

// Appends the GLM rows of column j for `model` ("ancova" or "change"): one row per coefficient,
// F tests (each multi-column categorical covariate, all covariates jointly) and the model row.
// A model that cannot be fitted gives one model row with the status.
void add_column_glm(const StudyValues& values, std::size_t j, const GroupOptions& options,
                    const CovariateColumns& covariates, const std::string& model,
                    std::vector<GlmRow>& glm);

// The model spec of `model` ("ancova" or "change") with the arm coded against the control arm.
stats::ModelSpec model_spec(const StudyValues& values, const GroupOptions& options,
                            const std::string& model);

// "arm[T.<active arm>]": the tested coefficient of both models.
std::string arm_coefficient(const StudyValues& values);

}  // namespace acuroi::group::detail
