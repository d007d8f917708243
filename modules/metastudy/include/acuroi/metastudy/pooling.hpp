// Pooling per ROI × measure: which pairs, which rows, and every analysis of one pool, with the
// meta module's metafor-equal functions.
//
// Pairs: meta.pairs in the given order, or (empty) every ROI × measure with at least 2 usable
// rows, in order of first appearance (the config's own study first). A study without a usable
// row for a pooled pair is listed in `left_out` with the reason (no record for the pair, the
// group's status, a non-finite effect ...). Per pool (k = usable rows):
//   k = 0      nothing pooled; status says why
//   k >= 1     rma fit (k = 1: metafor's defined result: tau^2 = 0, z test, Q = 0), predictions
//              (metafor's and Higgins' df), MH/Peto for 2x2 measures
//   k >= 2     Q-profile CIs of tau^2, I^2, H^2 (random effects), leave-one-out, influence,
//              cumulative (config order), subgroups, meta-regression (+ permutation test)
//   k >= 3     Egger (weighted lm and rma forms), Begg's rank test, trim-and-fill (L0)
// An analysis that cannot run on a pool (too few studies for its parameters, one subgroup level,
// a missing moderator) leaves its result empty and says why in `notes`; nothing throws.
//
//   PoolingOptions o = pooling_options(config.meta);
//   std::vector<PairPool> pools = pool_pairs(studies, o);   // p_adjusted filled across pools
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "acuroi/config/meta_settings.hpp"
#include "acuroi/meta/binary_pooling.hpp"
#include "acuroi/meta/heterogeneity.hpp"
#include "acuroi/meta/permutation.hpp"
#include "acuroi/meta/predict.hpp"
#include "acuroi/meta/rma.hpp"
#include "acuroi/meta/sensitivity.hpp"
#include "acuroi/meta/small_study.hpp"
#include "acuroi/meta/subgroup.hpp"
#include "acuroi/meta/summary_row.hpp"
#include "acuroi/metastudy/effect_rows.hpp"

namespace acuroi::metastudy {

struct PoolingOptions {
  meta::Measure measure = meta::Measure::MD;
  meta::RmaOptions rma;
  meta::PredictionDf pi_convention = meta::PredictionDf::metafor;
  std::string subgroup;                 // moderator key; "" = none
  std::vector<std::string> moderators;  // meta-regression moderator keys
  std::size_t permutations = 0;
  std::uint64_t permutation_seed = 0;
  std::string p_adjust = "BH";          // R p.adjust name or "none"
  std::vector<std::string> pairs;       // "ROI/measure"; empty = every pair with k >= 2
  double wide_ci_width = 1.0;
};
PoolingOptions pooling_options(const config::MetaSettings& settings);

struct LeftOut {
  std::string study, label, reason;
};

struct MetaRegression {
  std::vector<std::string> moderators;
  std::vector<EffectRow> rows;  // the rows with every moderator (a subset of the pool's)
  meta::RmaFit fit;
  std::optional<meta::PermutationTest> permutation;
};

struct Subgroups {
  std::string moderator;
  std::vector<EffectRow> rows;  // rows with the moderator
  meta::SubgroupAnalysis analysis;
};

struct PairPool {
  std::string roi, measure;
  meta::Measure effect_measure = meta::Measure::MD;
  std::vector<EffectRow> rows;  // usable rows, in study order
  std::vector<LeftOut> left_out;
  std::string status;  // "" = pooled
  std::vector<std::string> notes;  // analyses that could not run, and why
  std::optional<meta::RmaFit> fit;
  std::optional<meta::Prediction> pi_metafor, pi_higgins;
  std::optional<meta::Tau2Interval> tau2_ci;
  std::optional<meta::LeaveOneOut> leave_one_out;
  std::optional<meta::Influence> influence;
  std::optional<meta::Cumulative> cumulative;
  std::optional<meta::EggerTest> egger_classic, egger_rma;
  std::optional<meta::RankTest> begg;
  std::optional<meta::TrimFill> trim_fill;
  std::optional<Subgroups> subgroups;
  std::optional<MetaRegression> regression;
  std::optional<meta::MantelHaenszel> mantel_haenszel;
  std::optional<meta::Peto> peto;
  std::optional<meta::SummaryRow> summary;
  double p_adjusted = EffectRow::na;
  double total_n() const;  // sum over rows (NaN if any is unknown)
};

// Every pool of the studies (in the order above), analysed; p_adjusted across pools.
// Throws core::ConfigError when a pair of meta.pairs is written wrongly.
std::vector<PairPool> pool_pairs(const std::vector<StudyInput>& studies, const PoolingOptions& options);

// One pool's analyses (exposed for tests); `rows` are usable rows.
PairPool analyse_pool(std::string roi, std::string measure, std::vector<EffectRow> rows,
                      const PoolingOptions& options);

}  // namespace acuroi::metastudy
