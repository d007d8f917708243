// Reference quantities of the follow-up analyses: leave-one-out, influence, cumulative, Egger,
// Begg, trim-and-fill, Mantel-Haenszel, Peto, meta-regression, subgroups, p.adjust.
#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "acuroi/meta/binary_pooling.hpp"
#include "acuroi/meta/sensitivity.hpp"
#include "acuroi/meta/small_study.hpp"
#include "acuroi/meta/subgroup.hpp"
#include "acuroi/stats/multiplicity.hpp"
#include "analyses_internal.hpp"
#include "reference_data.hpp"

namespace acuroi::meta::testing {
namespace {
std::string idx(std::size_t i) { return "|" + std::to_string(i + 1); }

void add_table(Quantities& q, const RefitTable& t, const char* stat_name, const char* p_name) {
  for (std::size_t i = 0; i < t.estimate.size(); ++i) {
    q["estimate" + idx(i)] = t.estimate[i];
    q["se" + idx(i)] = t.se[i];
    q[stat_name + idx(i)] = t.stat[i];
    q[p_name + idx(i)] = t.pval[i];
    q["ci.lb" + idx(i)] = t.ci_lb[i];
    q["ci.ub" + idx(i)] = t.ci_ub[i];
    q["Q" + idx(i)] = t.Q[i];
    q["Qp" + idx(i)] = t.Qp[i];
    q["tau2" + idx(i)] = t.tau2[i];
    q["I2" + idx(i)] = t.I2[i];
    q["H2" + idx(i)] = t.H2[i];
  }
}

// The reference ran leave1out/influence/trimfill/regtest on models fitted with the tight control
// (threshold 1e-12) when the estimator is iterative; closed-form estimators have no control.
RmaOptions options_for(const std::string& method) {
  RmaOptions o;
  o.method = parse_tau2_method(method);
  if (o.method == Tau2Method::ML || o.method == Tau2Method::REML || o.method == Tau2Method::EB ||
      o.method == Tau2Method::PM)
    o.control = FitControl::tight();
  return o;
}

std::vector<Table2x2> bcg_tables() {
  const Csv c = read_csv(data_dir() + "/bcg.csv");
  const auto a = c.numbers("tpos"), b = c.numbers("tneg"), cc = c.numbers("cpos"), d = c.numbers("cneg");
  std::vector<Table2x2> t;
  for (std::size_t i = 0; i < a.size(); ++i) t.push_back({a[i], b[i], cc[i], d[i]});
  return t;
}

template <class R>
void add_binary(Quantities& q, const R& r) {
  q["k|"] = static_cast<double>(r.k);
  q["beta|"] = r.beta;
  q["se|"] = r.se;
  q["zval|"] = r.zval;
  q["pval|"] = r.pval;
  q["ci.lb|"] = r.ci_lb;
  q["ci.ub|"] = r.ci_ub;
  q["QE|"] = r.QE;
  q["QEp|"] = r.QEp;
  q["I2|"] = r.I2;
  q["H2|"] = r.H2;
}

Quantities metareg(const std::string& rest) {
  // rest: "ablat_REML", "ablat_year_DL", "ablat_REML_knha"
  const Csv c = read_csv(data_dir() + "/bcg.csv");
  const StudySet s = study_set("bcg", "logRR");
  std::vector<std::string> names{"ablat"};
  std::string tail = rest.substr(6);
  if (tail.rfind("year_", 0) == 0) {
    names.push_back("year");
    tail = tail.substr(5);
  }
  RmaOptions o;
  const auto us = tail.find('_');
  o.method = parse_tau2_method(tail.substr(0, us));
  if (us != std::string::npos) o.test = parse_test_type(tail.substr(us + 1));
  if (o.method != Tau2Method::FE && o.method != Tau2Method::DL) o.control = FitControl::tight();
  Moderators m;
  m.values.resize(s.yi.size(), static_cast<Eigen::Index>(names.size()));
  for (std::size_t j = 0; j < names.size(); ++j) {
    const auto col = c.numbers(names[j]);
    for (std::size_t i = 0; i < col.size(); ++i) m.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = col[i];
    m.names.push_back("bcg$" + names[j]);
  }
  const RmaFit f = fit_rma(s.yi, s.vi, m, o);
  Quantities q;
  add_rma(q, f, "");
  if (names.size() == 1) {
    Eigen::MatrixXd nm(3, 1);
    nm << 10, 30, 50;
    const std::vector<Prediction> p = predict_new(f, nm);
    for (std::size_t i = 0; i < p.size(); ++i)
      add_prediction(q, p[i], "predict_newmods_10_30_50/", std::to_string(i + 1), false);
  }
  return q;
}

Quantities subgroup(const std::string& method) {
  const Csv c = read_csv(data_dir() + "/bcg.csv");
  const StudySet s = study_set("bcg", "logRR");
  RmaOptions o = options_for(method);
  if (o.method == Tau2Method::REML) o.control = FitControl::tight();
  const SubgroupAnalysis a = subgroup_analysis(s.yi, s.vi, c.strings("alloc"), o);
  Quantities q;
  for (std::size_t g = 0; g < a.levels.size(); ++g) {
    const RmaFit& f = a.per_level[g];
    const std::string pre = "per_level/" + a.levels[g] + "/";
    q[pre + "k|"] = static_cast<double>(f.k);
    q[pre + "beta|"] = f.beta(0);
    q[pre + "se|"] = f.se(0);
    q[pre + "ci.lb|"] = f.ci_lb(0);
    q[pre + "ci.ub|"] = f.ci_ub(0);
    q[pre + "pval|"] = f.pval(0);
    q[pre + "tau2|"] = f.tau2;
    q[pre + "QE|"] = f.QE;
    q[pre + "QEp|"] = f.QEp;
    q[pre + "I2|"] = f.I2;
  }
  q["test_subgroup_diff_Q|"] = a.Q_between;
  q["test_subgroup_diff_df|"] = a.Q_between_df;
  q["test_subgroup_diff_p|"] = a.Q_between_p;
  RmaFit common = a.common_tau2;
  for (std::size_t j = 1; j < common.coef_names.size(); ++j) common.coef_names[j] = "factor(g)" + common.coef_names[j];
  add_rma(q, common, "metareg_common_tau2/");
  return q;
}

Quantities p_adjust_analysis() {
  const Reference& ref = reference();
  std::vector<double> p;
  for (const ReferenceRow& r : ref.at({"multiplicity", "p_adjust"}))
    if (r.quantity == "p") p.push_back(r.value);
  Quantities q;
  for (std::size_t i = 0; i < p.size(); ++i) q["p" + idx(i)] = p[i];
  const std::pair<const char*, stats::PAdjustMethod> methods[] = {
      {"bonferroni", stats::PAdjustMethod::bonferroni}, {"holm", stats::PAdjustMethod::holm},
      {"hochberg", stats::PAdjustMethod::hochberg},     {"hommel", stats::PAdjustMethod::hommel},
      {"BH", stats::PAdjustMethod::bh},                 {"BY", stats::PAdjustMethod::by}};
  for (const auto& [name, m] : methods) {
    const std::vector<double> adj = stats::p_adjust(p, m);
    for (std::size_t i = 0; i < adj.size(); ++i) q[name + idx(i)] = adj[i];
  }
  return q;
}
}  // namespace

Quantities more_analysis(const std::string& dataset, const std::string& analysis) {
  if (analysis == "p_adjust") return p_adjust_analysis();
  if (analysis.rfind("metareg_", 0) == 0) return metareg(analysis.substr(8));
  if (analysis.rfind("subgroup_alloc_", 0) == 0) return subgroup(analysis.substr(15));
  Quantities q;
  if (analysis.rfind("MH_", 0) == 0) {
    const std::string m = analysis.substr(3, 2);
    const bool correct = analysis.find("nocorrect") == std::string::npos;
    add_binary(q, mantel_haenszel(parse_measure(m), bcg_tables(), correct));
    if (m == "OR") {
      const MantelHaenszel r = mantel_haenszel(Measure::OR, bcg_tables(), correct);
      for (auto [n, v] : {std::pair{"CO", r.CO}, {"COp", r.COp}, {"MH", r.MH}, {"MHp", r.MHp}, {"BD", r.BD},
                          {"BDp", r.BDp}, {"TA", r.TA}, {"TAp", r.TAp}})
        q[std::string(n) + "|"] = v;
    }
    return q;
  }
  if (analysis == "Peto_OR") {
    add_binary(q, peto(bcg_tables()));
    return q;
  }
  if (analysis == "cumulative_DL_by_year") {
    const Csv c = read_csv(data_dir() + "/bcg.csv");
    const auto year = c.numbers("year");
    std::vector<std::size_t> order(year.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return year[a] < year[b]; });
    const StudySet s = study_set(dataset, "logRR");
    add_table(q, cumulative(fit_rma(s.yi, s.vi, options_for("DL")), order), "zval", "pvals");
    return q;
  }
  const auto us = analysis.find('_');
  const std::string prefix = analysis.substr(0, us), rest = analysis.substr(us + 1);
  const StudySet s = study_set(dataset, prefix);
  if (rest.rfind("leave1out_", 0) == 0) {
    add_table(q, leave_one_out(fit_rma(s.yi, s.vi, options_for(rest.substr(10)))), "zval", "pval");
    return q;
  }
  if (rest.rfind("influence_", 0) == 0) {
    const Influence inf = influence(fit_rma(s.yi, s.vi, options_for(rest.substr(10))));
    for (std::size_t i = 0; i < inf.rstudent.size(); ++i) {
      q["rstudent" + idx(i)] = inf.rstudent[i];
      q["dffits" + idx(i)] = inf.dffits[i];
      q["cook.d" + idx(i)] = inf.cook_d[i];
      q["cov.r" + idx(i)] = inf.cov_r[i];
      q["tau2.del" + idx(i)] = inf.tau2_del[i];
      q["QE.del" + idx(i)] = inf.QE_del[i];
      q["hat" + idx(i)] = inf.hat[i];
      q["weight" + idx(i)] = inf.weight[i];
      q["intrcpt" + idx(i)] = inf.dfbetas[0][i];
    }
    return q;
  }
  if (rest.rfind("egger_", 0) == 0) {
    EggerTest e;
    if (rest == "egger_classic_lm") {
      e = egger_classic(s.yi, s.vi);
    } else {
      RmaOptions o = options_for(rest.substr(10));
      if (o.method != Tau2Method::FE) o.control = FitControl::tight();
      e = egger_rma(fit_rma(s.yi, s.vi, o));
    }
    q["stat|"] = e.stat;
    q["pval|"] = e.pval;
    q["df|"] = e.df;
    q["limit_est|"] = e.limit_est;
    q["limit_ci.lb|"] = e.limit_ci_lb;
    q["limit_ci.ub|"] = e.limit_ci_ub;
    return q;
  }
  if (rest == "begg_ranktest") {
    const RankTest r = rank_test(fit_rma(s.yi, s.vi, options_for("FE")));
    q["tau|"] = r.tau;
    q["pval|"] = r.pval;
    q["pval_normal_approx|"] = r.pval_normal_approx;
    return q;
  }
  if (rest.rfind("trimfill_", 0) == 0) {
    const std::string spec = rest.substr(9);  // e.g. "REML_L0"
    const auto u2 = spec.find('_');
    RmaOptions o = options_for(spec.substr(0, u2));
    if (o.method == Tau2Method::REML) o.control = FitControl::tight();
    const TrimFillEstimator est = spec.substr(u2 + 1) == "R0" ? TrimFillEstimator::R0 : TrimFillEstimator::L0;
    const TrimFill t = trim_and_fill(fit_rma(s.yi, s.vi, o), est);
    add_rma(q, t.adjusted, "");
    q["k0|"] = static_cast<double>(t.k0);
    q["se.k0|"] = t.se_k0;
    q["p.k0|"] = t.p_k0;
    for (std::size_t i = 0; i < t.filled_yi.size(); ++i) {
      const std::string ix = t.filled_yi.size() == 1 ? "|" : idx(i);
      q["filled_yi" + ix] = t.filled_yi[i];
      q["filled_vi" + ix] = t.filled_vi[i];
    }
    return q;
  }
  throw std::runtime_error("analysis not computed by the test harness: " + dataset + "/" + analysis);
}

}  // namespace acuroi::meta::testing
