// Settings of the `group:` section: the group-level statistics of one study (`acuroi group`).
//
// Covariates are participants.tsv column names (as stored in each participant file); the ones
// listed in `categorical` are treatment-coded against their first level in sorted order (patsy's
// default), the others are numbers (centred on their mean when centre_covariates). `measures`
// filters the measure names of the participant files ("alff", "fc_z", "task_beta.*": a trailing
// '*' matches any ending); empty = every measure. p_adjust uses R's p.adjust names.
//
//   const GroupSettings& g = config.group;
//   bool welch = g.between_test == BetweenTest::welch;
//   std::size_t n_permutations = static_cast<std::size_t>(g.permutations);   // 0 = off
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::config {

enum class BetweenTest { welch, student };
enum class HedgesJ { exact, approximate };
std::string_view to_string(BetweenTest test);
std::string_view to_string(HedgesJ correction);

// R's p.adjust method names accepted by group.p_adjust, in documentation order.
inline constexpr const char* kPAdjustMethods[] = {"BH",       "BY",         "holm",
                                                  "hochberg", "bonferroni", "hommel"};

struct GroupSettings {
  std::vector<std::string> covariates;   // participants.tsv columns in the GLMs
  std::vector<std::string> categorical;  // those of `covariates` that are categorical
  bool centre_covariates = false;        // numeric covariates minus their mean
  BetweenTest between_test{};            // the primary between-arm test on the change
  bool rank_tests = false;               // Wilcoxon per arm, Mann–Whitney between arms
  HedgesJ hedges_correction{};           // Hedges' g small-sample factor J
  bool ancova = false;                   // post ~ arm + pre + covariates
  bool change_model = false;             // change ~ arm + covariates
  int permutations = 0;                  // max-T permutations; 0 = no permutation inference
  int permutation_seed = 0;              // >= 0
  std::string p_adjust;                  // one of kPAdjustMethods
  double confidence = 0;                 // in (0, 1)
  std::vector<std::string> measures;     // measure names or prefix patterns; empty = all
  bool operator==(const GroupSettings&) const = default;
};

// True when `measure` is selected by settings.measures (empty = every measure).
bool selects_measure(const GroupSettings& settings, std::string_view measure);

}  // namespace acuroi::config
