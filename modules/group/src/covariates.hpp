// Covariates of the included participants parsed into numbers or levels, and the participant
// tables the GLMs are built from. Private to the group module.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "acuroi/group/options.hpp"
#include "acuroi/group/study_values.hpp"
#include "acuroi/stats/design.hpp"

namespace acuroi::group::detail {

// Names the GLM tables use for the arm and the values; covariates may not take them.
inline constexpr const char* kArmColumn = "arm";
inline constexpr const char* kReservedColumns[] = {"arm", "pre", "post", "change"};

struct CovariateColumns {
  std::map<std::string, std::vector<double>> numeric;           // per included participant
  std::map<std::string, std::vector<std::string>> categorical;  // per included participant
};

// Throws stats::StatsError naming the column and the participants: a reserved name, a column
// missing or empty for some participants, a numeric column with text that is not a number.
CovariateColumns parse_covariates(const StudyValues& values, const GroupOptions& options);

// The model terms of the covariates, in the order of options.covariates.
std::vector<stats::Term> covariate_terms(const GroupOptions& options);

// A participant table over `rows` (indices into values.participants) with the arm, the pre, post
// and change values of column `column` (or none when column < 0) and the covariates.
stats::ParticipantTable participant_table(const StudyValues& values,
                                          const CovariateColumns& covariates,
                                          const std::vector<std::size_t>& rows, long column);

// Included participants with finite pre and post values in column `column`, optionally one arm.
std::vector<std::size_t> complete_rows(const StudyValues& values, std::size_t column,
                                       const std::string& arm = "");

}  // namespace acuroi::group::detail
