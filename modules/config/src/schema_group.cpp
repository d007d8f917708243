// The `group:` section: group-level statistics within one study (tests, effect sizes, GLMs,
// permutation inference with max-T, multiplicity adjustment).
#include <algorithm>

#include "acuroi/config/group_settings.hpp"
#include "config_schema.hpp"

namespace acuroi::config::detail {

namespace {
std::string column_name_problem(const std::string& name) {
  return name.find_first_not_of(" \t") == std::string::npos ? "must not be empty" : std::string();
}

std::string measure_pattern_problem(const std::string& pattern) {
  if (pattern.empty()) return "must not be empty";
  const auto star = pattern.find('*');
  return star == std::string::npos || star + 1 == pattern.size()
             ? std::string()
             : "'*' is allowed only at the end (a prefix pattern such as 'task_beta.*')";
}

std::string p_adjust_problem(const std::string& method) {
  std::string list;
  for (const char* allowed : kPAdjustMethods) {
    if (method == allowed) return std::string();
    list += (list.empty() ? "" : ", ") + std::string(allowed);
  }
  return "not an allowed value, expected one of: " + list;
}

// Integers lo <= value <= hi, the bounds written in full (range() prints 1e+06).
std::function<std::string(const int&)> int_range(int lo, int hi) {
  return [lo, hi](const int& v) {
    return v >= lo && v <= hi ? std::string()
                              : "out of range, must be in [" + std::to_string(lo) + ", " +
                                    std::to_string(hi) + "]";
  };
}

std::string confidence_problem(const double& level) {
  return level > 0.0 && level < 1.0 ? std::string() : "out of range, must be in (0, 1)";
}

const EnumNames<BetweenTest>& between_test_names() {
  static const EnumNames<BetweenTest> names = {{"welch", BetweenTest::welch},
                                               {"student", BetweenTest::student}};
  return names;
}

const EnumNames<HedgesJ>& hedges_names() {
  static const EnumNames<HedgesJ> names = {{"exact", HedgesJ::exact},
                                           {"approximate", HedgesJ::approximate}};
  return names;
}

// Every categorical column is a covariate; no covariate is the arm column.
void check_covariates(Config& config, const RecordSite& site) {
  const GroupSettings& g = config.group;
  for (const std::string& column : g.categorical)
    if (std::find(g.covariates.begin(), g.covariates.end(), column) == g.covariates.end())
      fail(site.at("group.categorical"), column,
           "is not listed in group.covariates; list it there too");
  for (const std::string& column : g.covariates)
    if (column == config.study.arm_column)
      fail(site.at("group.covariates"), column,
           "is the arm column (study.arm_column); the models include the arm already");
}
}  // namespace

void declare_group_section(ConfigSection& root) {
  auto g = root.section("group", &Config::group,
                        "Group-level statistics within the study (acuroi group).");
  g.field("covariates", &GroupSettings::covariates, {},
          "participants.tsv columns added to the GLMs (post ~ arm + pre + covariates)")
      .unique_items()
      .each("not empty", column_name_problem);
  g.field("categorical", &GroupSettings::categorical, {},
          "covariates that are categorical (treatment coding, first level in sorted order = "
          "reference)")
      .unique_items()
      .each("not empty", column_name_problem);
  g.field("centre_covariates", &GroupSettings::centre_covariates, true,
          "subtract the mean of each numeric covariate (changes the intercept only)");
  g.choice("between_test", &GroupSettings::between_test, BetweenTest::welch, between_test_names(),
           "primary between-arm test on the change: welch (unequal variances) or student; both "
           "are reported");
  g.field("rank_tests", &GroupSettings::rank_tests, false,
          "also Wilcoxon signed-rank per arm and Mann-Whitney U between arms");
  g.choice("hedges_correction", &GroupSettings::hedges_correction, HedgesJ::exact, hedges_names(),
           "Hedges' g correction factor J: exact (gamma functions, as metafor) or approximate "
           "(1 - 3/(4m - 1))");
  g.field("ancova", &GroupSettings::ancova, true,
          "fit post ~ arm + pre + covariates (recommended analysis of pre/post trials)");
  g.field("change_model", &GroupSettings::change_model, true, "fit change ~ arm + covariates");
  g.field("permutations", &GroupSettings::permutations, 5000,
          "permutations for max-T family-wise inference across ROIs x measures; 0 = off")
      .check("in [0, 1000000]", int_range(0, 1000000));
  g.field("permutation_seed", &GroupSettings::permutation_seed, 0,
          "seed of the permutations (same seed, same p-values at any thread count)")
      .check("in [0, 2147483647]", int_range(0, 2147483647));
  g.field("p_adjust", &GroupSettings::p_adjust, "BH",
          "multiplicity adjustment across ROIs x measures (R p.adjust names)")
      .check("one of: BH, BY, holm, hochberg, bonferroni, hommel", p_adjust_problem);
  g.field("confidence", &GroupSettings::confidence, 0.95, "level of every confidence interval")
      .check("in (0, 1)", confidence_problem);
  g.field("measures", &GroupSettings::measures, {},
          "measures to analyse (names as in the participant files, e.g. alff, fc_z, "
          "'task_beta.*'); empty = all")
      .unique_items()
      .each("a measure name or a prefix ending in '*'", measure_pattern_problem);
  g.check(check_covariates);
}

}  // namespace acuroi::config::detail

namespace acuroi::config {

std::string_view to_string(BetweenTest test) {
  for (const auto& [name, value] : detail::between_test_names())
    if (value == test) return name;
  return "?";
}

std::string_view to_string(HedgesJ correction) {
  for (const auto& [name, value] : detail::hedges_names())
    if (value == correction) return name;
  return "?";
}

bool selects_measure(const GroupSettings& settings, std::string_view measure) {
  if (settings.measures.empty()) return true;
  for (const std::string& pattern : settings.measures) {
    if (!pattern.empty() && pattern.back() == '*') {
      const std::string_view prefix(pattern.data(), pattern.size() - 1);
      if (measure.substr(0, prefix.size()) == prefix) return true;
    } else if (measure == pattern) {
      return true;
    }
  }
  return false;
}

}  // namespace acuroi::config
