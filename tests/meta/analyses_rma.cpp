// Reference quantities of rma fits: coefficients, heterogeneity, fit statistics, predictions, QP CIs.
#include <cmath>

#include "acuroi/meta/heterogeneity.hpp"
#include "acuroi/meta/predict.hpp"
#include "analyses_internal.hpp"

namespace acuroi::meta::testing {

void add_rma(Quantities& q, const RmaFit& f, const std::string& pre) {
  q[pre + "k|"] = static_cast<double>(f.k);
  q[pre + "p|"] = static_cast<double>(f.p);
  for (std::size_t j = 0; j < f.p; ++j) {
    const std::string n = f.coef_names[j];
    const Eigen::Index jj = static_cast<Eigen::Index>(j);
    q[pre + "beta|" + n] = f.beta(jj);
    q[pre + "se|" + n] = f.se(jj);
    q[pre + "stat|" + n] = f.stat(jj);
    q[pre + "pval|" + n] = f.pval(jj);
    q[pre + "ci.lb|" + n] = f.ci_lb(jj);
    q[pre + "ci.ub|" + n] = f.ci_ub(jj);
  }
  q[pre + "tau2|"] = f.tau2;
  q[pre + "se.tau2|"] = f.se_tau2;
  q[pre + "QE|"] = f.QE;
  q[pre + "QEp|"] = f.QEp;
  q[pre + "df.QE|"] = f.df_QE;
  q[pre + "I2|"] = f.I2;
  q[pre + "H2|"] = f.H2;
  q[pre + "vt|"] = f.vt;
  for (Eigen::Index i = 0; i < f.weights_pct.size(); ++i)
    q[pre + "weights_pct|" + std::to_string(i + 1)] = f.weights_pct(i);
  q[pre + "s2w_knha_scale|"] = f.s2w;
  q[pre + "ddf|"] = f.ddf;
  const FitStatistics& s = f.reported_fit();
  q[pre + "fitstats|logLik:"] = s.logLik;
  q[pre + "fitstats|deviance:"] = s.deviance;
  q[pre + "fitstats|AIC:"] = s.AIC;
  q[pre + "fitstats|BIC:"] = s.BIC;
  q[pre + "fitstats|AICc:"] = s.AICc;
  if (!f.int_only) {
    q[pre + "QM|"] = f.QM;
    q[pre + "QMp|"] = f.QMp;
    q[pre + "QMdf|1"] = f.QMdf1;
    q[pre + "QMdf|2"] = f.QMdf2;
    q[pre + "R2|"] = f.R2;
  }
}

void add_prediction(Quantities& q, const Prediction& p, const std::string& pre, const std::string& idx,
                    bool transform_exp) {
  auto t = [&](double x) { return transform_exp ? std::exp(x) : x; };
  q[pre + "pred|" + idx] = t(p.pred);
  q[pre + "se|" + idx] = transform_exp ? std::nan("") : p.se;
  q[pre + "ci.lb|" + idx] = t(p.ci_lb);
  q[pre + "ci.ub|" + idx] = t(p.ci_ub);
  q[pre + "pi.lb|" + idx] = t(p.pi_lb);
  q[pre + "pi.ub|" + idx] = t(p.pi_ub);
}

void add_confint(Quantities& q, const RmaFit& f) {
  ConfintControl c;
  c.tol = 1e-12;  // the reference's confint control
  c.maxiter = 10000;
  const Tau2Interval ci = confint_tau2(f, c);
  const std::pair<const char*, const IntervalEstimate*> rows[] = {
      {"tau^2", &ci.tau2}, {"tau", &ci.tau}, {"I^2(%)", &ci.I2}, {"H^2", &ci.H2}};
  for (const auto& [name, iv] : rows) {
    q[std::string("confint_QP/estimate|") + name] = iv->estimate;
    q[std::string("confint_QP/ci.lb|") + name] = iv->ci_lb;
    q[std::string("confint_QP/ci.ub|") + name] = iv->ci_ub;
  }
}

// "<prefix>_<METHOD>[_tight|_knha|_adhoc|_t]"
Quantities rma_analysis(const std::string& dataset, const std::string& prefix, const std::string& spec) {
  Quantities q;
  RmaOptions o;
  std::string method = spec, variant;
  const auto us = spec.find('_');
  if (us != std::string::npos) {
    method = spec.substr(0, us);
    variant = spec.substr(us + 1);
  }
  o.method = parse_tau2_method(method);
  if (variant == "tight") o.control = FitControl::tight();
  if (variant == "knha" || variant == "adhoc" || variant == "t") {
    o.test = parse_test_type(variant);
    // the reference's knha/adhoc/t runs were fitted with tight control (their tau2 equals _tight)
    o.control = FitControl::tight();
  }
  const StudySet s = study_set(dataset, prefix);
  const RmaFit f = fit_rma(s.yi, s.vi, o);
  add_rma(q, f, "");
  add_prediction(q, predict(f), "predict/", "", false);
  if (prefix == "logRR") add_prediction(q, predict(f), "predict_transf/", "", true);
  if (prefix == "logOR") add_prediction(q, predict(f), "predict_exp/", "", true);
  if (o.method != Tau2Method::FE && variant.empty()) add_confint(q, f);
  return q;
}

}  // namespace acuroi::meta::testing
