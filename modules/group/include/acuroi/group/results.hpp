// The results of a group analysis, as rows of the output tables (TSV and HDF5, SCHEMA.md).
// Every row has a `status`: "" = computed; otherwise why not (the message names the ROI, measure,
// arm, column or participants) and its numbers are NaN. NaN also marks a quantity that does not
// apply to the row (e.g. df of a rank test, Hedges' g of a within-arm test).
//
//   for (const TestRow& t : results.tests)
//     if (t.test == "welch_t" && t.status.empty()) use(t.estimate, t.ci_lower, t.ci_upper, t.p);
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "acuroi/group/options.hpp"
#include "acuroi/stats/study_record.hpp"

namespace acuroi::group {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One ROI × measure × test. `test`: paired_t and wilcoxon (within an arm: `group` = the arm,
// post vs pre, estimate = mean change), welch_t, student_t and mann_whitney (between arms on the
// change: `group` = "<active>-<control>", estimate = mean difference active − control).
struct TestRow {
  std::string roi, measure, test, group;
  std::size_t n1 = 0, n2 = 0;  // participants (within: n1 only; between: active, control)
  double estimate = kNaN, se = kNaN, statistic = kNaN, df = kNaN, p = kNaN;
  double ci_lower = kNaN, ci_upper = kNaN;
  double cohen_dz = kNaN;                                                              // paired_t
  double pooled_sd = kNaN, cohen_d = kNaN, hedges_g = kNaN, hedges_g_variance = kNaN;  // between t
  double p_adjusted = kNaN;                   // across ROIs × measures within (test, group)
  double p_permutation = kNaN, p_fwe = kNaN;  // primary between-arm test: label permutation, max-T
  std::string method;                         // rank tests: "exact" or "normal"
  std::string status;
};

// One ROI × measure × model × term. kind "coefficient" (statistic = t, df_den = residual df),
// "f_test" (joint F of a term's columns or of all covariates: statistic = F), or "model" (term
// "model": overall F with df_model/df_resid, R², adjusted R², σ², log-likelihood, AIC, BIC).
struct GlmRow {
  std::string roi, measure, model, term, kind;
  std::size_t n = 0;
  double estimate = kNaN, se = kNaN, statistic = kNaN, df_num = kNaN, df_den = kNaN, p = kNaN;
  double ci_lower = kNaN, ci_upper = kNaN;
  double r_squared = kNaN, adj_r_squared = kNaN, sigma2 = kNaN;  // model rows
  double log_likelihood = kNaN, aic = kNaN, bic = kNaN;          // model rows
  double p_adjusted = kNaN;  // coefficient rows: across ROIs × measures within (model, term)
  double p_permutation = kNaN, p_fwe = kNaN;  // the arm coefficient: Freedman–Lane, max-T
  std::string status;
};

// The study-level record of one ROI × measure (stats::StudyRecord). In a single-arm study only
// the active arm's summary is filled.
struct RecordRow {
  stats::StudyRecord record;
  std::string status;
};

// One permutation family: every ROI × measure of one test with max-T over them.
struct PermutationFamily {
  std::string name;                       // "between_welch_t", "glm_ancova", "glm_change"
  std::vector<std::string> tests;         // "ROI/measure" in the family
  std::vector<std::string> participants;  // complete for every test of the family
  std::vector<std::string> left_out;      // participants missing a value in some test
  std::size_t n_permutations = 0;
  std::uint64_t seed = 0;
  std::vector<double> t_observed, p_uncorrected, p_fwe;  // per test
  std::vector<double> max_abs_t;                         // per permutation
  std::string status;                                    // "" = run
};

struct GroupResults {
  GroupOptions options;
  std::vector<TestRow> tests;
  std::vector<GlmRow> glm;
  std::vector<RecordRow> records;
  std::vector<PermutationFamily> permutations;
  std::vector<std::string> warnings;  // one per row that could not be computed, and others
};

}  // namespace acuroi::group
