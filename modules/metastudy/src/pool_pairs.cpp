// Which ROI × measure pairs are pooled, which rows go into each pool and which are left out
// (with why); the pools are analysed in parallel and p.adjust runs across them.
#include <tbb/parallel_for.h>

#include <cmath>
#include <map>

#include "acuroi/core/error.hpp"
#include "acuroi/metastudy/pooling.hpp"
#include "acuroi/stats/multiplicity.hpp"

namespace acuroi::metastudy {
namespace {

using Pair = std::pair<std::string, std::string>;

Pair split_pair(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size())
    throw core::ConfigError("", 0, 0, "meta.pairs", text, "expected 'ROI/measure', e.g. 'ACC/alff'");
  return {text.substr(0, slash), text.substr(slash + 1)};
}

// meta.pairs, or every pair with at least 2 usable rows in order of first appearance.
std::vector<Pair> select_pairs(const std::vector<StudyInput>& studies, const PoolingOptions& o) {
  std::vector<Pair> pairs;
  if (!o.pairs.empty()) {
    for (const std::string& p : o.pairs) pairs.push_back(split_pair(p));
    return pairs;
  }
  std::vector<Pair> order;
  std::map<Pair, std::size_t> usable;
  for (const StudyInput& s : studies)
    for (const EffectRow& r : s.rows) {
      const Pair key{r.roi, r.measure};
      if (!usable.count(key)) order.push_back(key);
      usable[key] += r.status.empty() ? 1 : 0;
    }
  for (const Pair& p : order)
    if (usable[p] >= 2) pairs.push_back(p);
  return pairs;
}

void gather(const std::vector<StudyInput>& studies, const Pair& pair, std::vector<EffectRow>& rows,
            std::vector<LeftOut>& left_out) {
  for (const StudyInput& s : studies) {
    bool any = false;
    for (const EffectRow& r : s.rows) {
      if (r.roi != pair.first || r.measure != pair.second) continue;
      any = true;
      if (r.status.empty()) rows.push_back(r);
      else left_out.push_back({s.name, r.label, r.status});
    }
    if (!any) left_out.push_back({s.name, "", "no record for ROI " + pair.first + ", measure " + pair.second});
  }
}

void adjust_p_values(std::vector<PairPool>& pools, const std::string& method) {
  std::vector<double> p;
  for (const PairPool& pool : pools) p.push_back(pool.fit ? pool.fit->pval(0) : std::nan(""));
  const std::vector<double> adjusted =
      method == "none" ? p : stats::p_adjust(p, stats::parse_p_adjust_method(method));
  for (std::size_t i = 0; i < pools.size(); ++i) pools[i].p_adjusted = adjusted[i];
}

}  // namespace

PoolingOptions pooling_options(const config::MetaSettings& s) {
  PoolingOptions o;
  o.measure = meta::parse_measure(s.effect_measure);
  o.rma.method = meta::parse_tau2_method(s.method);
  o.rma.test = meta::parse_test_type(s.test);
  o.rma.level = s.level;
  // Iterative estimators to convergence (metafor's control threshold 1e-12, the reference's
  // "tight" setting) rather than metafor's default 1e-5, which leaves tau^2 ~1e-6 off its root.
  o.rma.control = meta::FitControl::tight();
  o.pi_convention = s.prediction_df == config::PredictionIntervalDf::higgins ? meta::PredictionDf::higgins_k_minus_2
                                                                              : meta::PredictionDf::metafor;
  o.subgroup = s.subgroup;
  o.moderators = s.moderators;
  o.permutations = static_cast<std::size_t>(s.permutations);
  o.permutation_seed = static_cast<std::uint64_t>(s.permutation_seed);
  o.p_adjust = s.p_adjust;
  o.pairs = s.pairs;
  o.wide_ci_width = s.wide_ci_width;
  return o;
}

double PairPool::total_n() const {
  double n = 0;
  for (const EffectRow& r : rows) n += r.total_n;
  return rows.empty() ? EffectRow::na : n;
}

std::vector<PairPool> pool_pairs(const std::vector<StudyInput>& studies, const PoolingOptions& options) {
  const std::vector<Pair> pairs = select_pairs(studies, options);
  std::vector<std::vector<EffectRow>> rows(pairs.size());
  std::vector<std::vector<LeftOut>> left_out(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) gather(studies, pairs[i], rows[i], left_out[i]);
  std::vector<PairPool> pools(pairs.size());
  // Each pool's numbers depend on its rows only: the same at any thread count.
  tbb::parallel_for(std::size_t{0}, pairs.size(), [&](std::size_t i) {
    pools[i] = analyse_pool(pairs[i].first, pairs[i].second, std::move(rows[i]), options);
    pools[i].left_out = std::move(left_out[i]);
  });
  adjust_p_values(pools, options.p_adjust);
  return pools;
}

}  // namespace acuroi::metastudy
