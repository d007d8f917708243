// Every analysis of one pool (one ROI × measure), each run only when the pool allows it.
#include <numeric>

#include "acuroi/metastudy/pooling.hpp"
#include "pool_support.hpp"

namespace acuroi::metastudy {
namespace detail {

void effects(const std::vector<EffectRow>& rows, Eigen::VectorXd& yi, Eigen::VectorXd& vi) {
  yi.resize(static_cast<Eigen::Index>(rows.size()));
  vi.resize(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    yi(static_cast<Eigen::Index>(i)) = rows[i].yi;
    vi(static_cast<Eigen::Index>(i)) = rows[i].vi;
  }
}

}  // namespace detail

namespace {

void binary_pooling(PairPool& p, const PoolingOptions& o) {
  const meta::Measure m = o.measure;
  if (!is_two_by_two(m)) return;
  std::vector<meta::Table2x2> tables;
  for (const EffectRow& r : p.rows)
    if (r.counts) tables.push_back(*r.counts);
  if (tables.size() != p.rows.size()) {
    p.notes.push_back("Mantel-Haenszel / Peto: need 2x2 counts for every study (some give yi only)");
    return;
  }
  const double level = o.rma.level;
  if (m == meta::Measure::OR || m == meta::Measure::RR || m == meta::Measure::RD)
    detail::attempt(p, "Mantel-Haenszel", [&] { p.mantel_haenszel = meta::mantel_haenszel(m, tables, true, level); });
  if (m == meta::Measure::OR || m == meta::Measure::PETO)
    detail::attempt(p, "Peto", [&] { p.peto = meta::peto(tables, level); });
}

void sensitivity(PairPool& p) {
  const meta::RmaFit& f = *p.fit;
  if (f.k < 2) {
    p.notes.push_back("leave-one-out, influence and cumulative analyses: need k >= 2");
    return;
  }
  if (f.method != meta::Tau2Method::FE) {
    meta::ConfintControl control;  // bounds to 1e-12 (metafor's default uniroot tolerance is 1.2e-4)
    control.tol = 1e-12;
    control.maxiter = 10000;
    detail::attempt(p, "Q-profile CI of tau^2", [&] { p.tau2_ci = meta::confint_tau2(f, control); });
  }
  detail::attempt(p, "leave-one-out", [&] { p.leave_one_out = meta::leave_one_out(f); });
  detail::attempt(p, "influence", [&] { p.influence = meta::influence(f); });
  std::vector<std::size_t> order(f.k);
  std::iota(order.begin(), order.end(), std::size_t{0});  // the config's study order
  detail::attempt(p, "cumulative", [&] { p.cumulative = meta::cumulative(f, order); });
}

void small_study(PairPool& p, const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, double level) {
  const meta::RmaFit& f = *p.fit;
  if (f.k < 3) {
    p.notes.push_back("small-study tests (Egger, Begg, trim-and-fill): need k >= 3");
    return;
  }
  detail::attempt(p, "Egger (weighted lm)", [&] { p.egger_classic = meta::egger_classic(yi, vi, level); });
  detail::attempt(p, "Egger (rma)", [&] { p.egger_rma = meta::egger_rma(f); });
  detail::attempt(p, "Begg", [&] { p.begg = meta::rank_test(f); });
  detail::attempt(p, "trim-and-fill", [&] { p.trim_fill = meta::trim_and_fill(f); });
}

}  // namespace

PairPool analyse_pool(std::string roi, std::string measure, std::vector<EffectRow> rows, const PoolingOptions& o) {
  PairPool p;
  p.roi = std::move(roi);
  p.measure = std::move(measure);
  p.effect_measure = o.measure;
  p.rows = std::move(rows);
  if (p.rows.empty()) {
    p.status = "no study gives a usable effect for this ROI x measure";
    return p;
  }
  Eigen::VectorXd yi, vi;
  detail::effects(p.rows, yi, vi);
  detail::attempt(p, "random-effects model", [&] { p.fit = meta::fit_rma(yi, vi, o.rma); });
  if (!p.fit) {
    p.status = "the model could not be fitted: " + p.notes.back();
    return p;
  }
  const meta::RmaFit& f = *p.fit;
  if (f.k_is_one)
    p.notes.push_back("k = 1: the pooled effect is the one study's (tau^2 = 0, z test, Q = 0), as metafor");
  p.pi_metafor = meta::predict(f, meta::PredictionDf::metafor);
  p.pi_higgins = meta::predict(f, meta::PredictionDf::higgins_k_minus_2);
  sensitivity(p);
  small_study(p, yi, vi, o.rma.level);
  detail::subgroup_analysis(p, o);
  detail::meta_regression(p, o);
  binary_pooling(p, o);
  meta::SummaryOptions so;
  so.wide_ci_width = o.wide_ci_width;
  so.pi_convention = o.pi_convention;
  p.summary = meta::summarise(p.roi, p.measure, f, p.total_n(), so);
  return p;
}

}  // namespace acuroi::metastudy
