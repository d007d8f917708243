// The analysis `acuroi meta --studies` runs on a study table, and its two renderings: a readable
// text summary and metafor-named JSON (estimate, se, zval|tval, pval, ci_lb, ci_ub, pi_lb, pi_ub,
// tau2, tau2_ci_lb, tau2_ci_ub, I2, H2, QE, QEp, k, method, test, yi, vi, weights; NaN -> null).
//
//   MetaReport r = analyse_studies(load_study_table(path, o), RmaOptions{});
//   std::cout << report_text(r);
//   core::write_text_atomically(out, report_json(r));
#pragma once
#include <optional>
#include <string>

#include "acuroi/meta/heterogeneity.hpp"
#include "acuroi/meta/predict.hpp"
#include "acuroi/meta/small_study.hpp"
#include "acuroi/meta/study_table.hpp"
#include "acuroi/meta/subgroup.hpp"
#include "acuroi/meta/summary_row.hpp"

namespace acuroi::meta {

struct MetaReport {
  StudyRecords studies;
  RmaFit fit;
  std::optional<Prediction> pi_metafor, pi_higgins;  // intercept-only models
  std::optional<Tau2Interval> tau2_ci;               // random-effects models with k >= 2
  std::optional<EggerTest> egger_classic, egger_rma;  // k >= 3, intercept-only
  std::optional<RankTest> begg;
  std::optional<SubgroupAnalysis> subgroups;
  std::optional<SummaryRow> summary;
};

MetaReport analyse_studies(const StudyRecords& studies, const RmaOptions& options);
std::string report_text(const MetaReport& report);
std::string report_json(const MetaReport& report);

}  // namespace acuroi::meta
