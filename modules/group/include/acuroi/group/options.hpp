// The options of a group analysis, and how a config's `study:`, `participants:` and `group:`
// sections set them.
//
//   GroupOptions options = group_options(config);     // arms from study.arms, group.* settings
//   StudyDesign design = study_design(config);        // sessions, include/exclude, measure filter
//   GroupResults results = analyse_group(values, options);
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/group/study_values.hpp"
#include "acuroi/stats/effect_size.hpp"
#include "acuroi/stats/multiplicity.hpp"
#include "acuroi/stats/t_tests.hpp"

namespace acuroi::group {

struct GroupOptions {
  std::vector<std::string> covariates;   // participants.tsv columns in the GLMs
  std::vector<std::string> categorical;  // the categorical ones among them
  bool centre_covariates = true;
  stats::TwoSampleVariance between_variance = stats::TwoSampleVariance::welch;  // primary test
  bool rank_tests = false;
  stats::HedgesCorrection hedges_correction = stats::HedgesCorrection::exact;
  bool ancova = true;               // post ~ arm + pre + covariates
  bool change_model = true;         // change ~ arm + covariates
  std::size_t permutations = 5000;  // 0 = off
  std::uint64_t permutation_seed = 0;
  stats::PAdjustMethod p_adjust = stats::PAdjustMethod::bh;
  double confidence = 0.95;
};

GroupOptions group_options(const config::Config& config);
StudyDesign study_design(const config::Config& config);

}  // namespace acuroi::group
