// rma.uni: validation, tau^2 estimation (tau2_estimators.hpp), then the model fit, tests,
// heterogeneity and fit statistics exactly as metafor computes them.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numbers>

#include "acuroi/core/error.hpp"
#include "acuroi/meta/rma.hpp"
#include "distributions.hpp"
#include "tau2_estimators.hpp"

namespace acuroi::meta {
namespace {
using detail::log_2pi;

void validate(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, std::size_t p, Tau2Method m) {
  if (yi.size() != vi.size())
    throw core::InputError("rma", "vi", std::to_string(vi.size()),
                           "yi and vi differ in length (" + std::to_string(yi.size()) + ")");
  if (yi.size() == 0) throw core::InputError("rma", "k", "0", "no studies to pool");
  for (Eigen::Index i = 0; i < yi.size(); ++i) {
    if (!std::isfinite(yi(i)))
      throw core::InputError("rma", "yi[" + std::to_string(i + 1) + "]", std::to_string(yi(i)),
                             "effect size is not a finite number");
    if (!std::isfinite(vi(i)) || !(vi(i) > 0))
      throw core::InputError("rma", "vi[" + std::to_string(i + 1) + "]", std::to_string(vi(i)),
                             "sampling variance must be finite and > 0");
  }
  const std::size_t k = static_cast<std::size_t>(yi.size());
  const bool one_study = (p == 1 && k == 1);
  const std::size_t needed = (m == Tau2Method::FE) ? p : p + 1;
  if (!one_study && needed > k)
    throw core::InputError("rma", "k", std::to_string(k),
                           "more parameters to estimate (" + std::to_string(needed) + ") than studies");
}

template <class D>
void fit_with_design(const D& design, RmaFit& fit) {
  const RmaOptions& o = fit.options;
  const std::size_t k = fit.k, p = fit.p;
  const double* y = fit.yi.data();
  const double* v = fit.vi.data();
  std::vector<double> yc(k);
  const double ybar = fit.yi.mean();
  for (std::size_t i = 0; i < k; ++i) yc[i] = y[i] - ybar;

  FitControl con = o.control;
  const double tau2_max = con.tau2_max ? *con.tau2_max : std::nan("");
  detail::Tau2Engine<D> engine{design, yc.data(), v, k, p, con, tau2_max, y};

  fit.k_is_one = (k == 1);
  fit.test = fit.k_is_one ? TestType::z : o.test;
  detail::Tau2Estimate est;
  if (!fit.k_is_one) est = engine.estimate(o.method);
  if (!est.converged || std::isnan(est.tau2))
    throw core::InputError("rma", "method", to_string(o.method),
                           "tau^2 estimation did not converge (try another method or a larger tau2_max)");
  fit.tau2 = est.tau2;
  fit.se_tau2 = est.se;
  fit.iterations = est.iterations;
  fit.converged = est.converged;
  fit.used_fallback = est.fallback;

  // Model fit at the estimated tau^2.
  const double tau2 = fit.tau2;
  auto w = [&](std::size_t i) { return 1.0 / (v[i] + tau2); };
  typename D::Coef beta{};
  typename D::Cov inv{};
  design.wls(y, w, beta, inv);
  double rss_f = 0, sum_w = 0, sum_log = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double r = y[i] - design.fitted(i, beta);
    rss_f += w(i) * r * r;
    sum_w += w(i);
    sum_log += std::log(v[i] + tau2);
  }
  const bool hk = (fit.test == TestType::knha || fit.test == TestType::adhoc);
  fit.s2w = 1.0;
  if (hk) fit.s2w = rss_f <= DBL_EPSILON ? 0.0 : rss_f / static_cast<double>(k - p);
  if (fit.test == TestType::adhoc && fit.s2w < 1) fit.s2w = 1.0;
  fit.beta = design.coef_vector(beta);
  fit.vb = fit.s2w * design.cov_matrix(inv);
  const bool t_test = hk || fit.test == TestType::t;
  fit.ddf = t_test ? static_cast<double>(k) - static_cast<double>(p) : std::nan("");

  // Wald tests of the coefficients and the omnibus QM.
  std::vector<Eigen::Index> btt;
  for (std::size_t j = (p > 1 ? 1 : 0); j < p; ++j) btt.push_back(static_cast<Eigen::Index>(j));
  const Eigen::Index m = static_cast<Eigen::Index>(btt.size());
  Eigen::VectorXd bsub(m);
  Eigen::MatrixXd vsub(m, m);
  for (Eigen::Index a = 0; a < m; ++a) {
    bsub(a) = fit.beta(btt[a]);
    for (Eigen::Index b = 0; b < m; ++b) vsub(a, b) = fit.vb(btt[a], btt[b]);
  }
  Eigen::LLT<Eigen::MatrixXd> llt(vsub);
  fit.QM = llt.info() == Eigen::Success ? bsub.dot(llt.solve(bsub)) : std::nan("");
  fit.QMdf1 = static_cast<int>(m);
  fit.se = fit.vb.diagonal().cwiseSqrt();
  fit.stat = fit.beta.cwiseQuotient(fit.se);
  fit.pval.resize(static_cast<Eigen::Index>(p));
  const double crit = detail::critical_value(o.level, fit.ddf);
  if (t_test) {
    fit.QM /= static_cast<double>(m);
    fit.QMdf2 = fit.ddf;
    fit.QMp = fit.ddf > 0 ? detail::f_upper(fit.QM, static_cast<double>(m), fit.ddf) : std::nan("");
  } else {
    fit.QMdf2 = std::nan("");
    fit.QMp = detail::chisq_upper(fit.QM, static_cast<double>(m));
  }
  for (std::size_t j = 0; j < p; ++j) fit.pval(static_cast<Eigen::Index>(j)) = detail::two_sided_p(fit.stat(static_cast<Eigen::Index>(j)), fit.ddf);
  fit.ci_lb = fit.beta - crit * fit.se;
  fit.ci_ub = fit.beta + crit * fit.se;

  // Heterogeneity (always inverse-variance weights 1/vi).
  if (k > p) {
    auto w0 = [&](std::size_t i) { return 1.0 / v[i]; };
    typename D::Coef b0{};
    typename D::Cov inv0{};
    design.wls(yc.data(), w0, b0, inv0);
    double q = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const double r = yc[i] - design.fitted(i, b0);
      q += w0(i) * r * r;
    }
    const double dfq = static_cast<double>(k - p);
    fit.QE = std::max(0.0, q);
    fit.QEp = detail::chisq_upper(fit.QE, dfq);
    fit.vt = dfq / detail::trace_pm(design, inv0, w0, [](std::size_t) { return 1.0; });
    fit.I2_Q_based = std::max(0.0, 100.0 * (fit.QE - dfq) / fit.QE);
    if (o.method == Tau2Method::FE) {
      fit.I2 = fit.I2_Q_based;
      fit.H2 = fit.QE / dfq;
    } else {
      fit.I2 = 100.0 * tau2 / (fit.vt + tau2);
      fit.H2 = tau2 / fit.vt + 1.0;
    }
  } else {
    fit.QE = 0; fit.QEp = 1; fit.I2 = 0; fit.H2 = 1; fit.vt = 0; fit.I2_Q_based = 0;
  }
  fit.df_QE = static_cast<int>(k - p);

  // Fit statistics (metafor's fit.stats, ML and REML columns).
  const double kd = static_cast<double>(k), pd = static_cast<double>(p);
  const double parms = pd + (o.method == Tau2Method::FE ? 0.0 : 1.0);
  const double ll_ml = -0.5 * kd * log_2pi - 0.5 * sum_log - 0.5 * rss_f;
  const double ll_reml = -0.5 * (kd - pd) * log_2pi + 0.5 * design.log_det_xtx() - 0.5 * sum_log +
                         0.5 * design.log_det_cov(inv) - 0.5 * rss_f;
  double sat = 0;
  for (std::size_t i = 0; i < k; ++i) sat += -0.5 * std::log(2 * std::numbers::pi * v[i]);
  auto aicc = [&](double ll, double n) {
    const double nn = std::max(n, parms + 2);
    return -2 * ll + 2 * parms * nn / (nn - parms - 1);
  };
  fit.fit_ML = {ll_ml, k > p ? -2 * (ll_ml - sat) : 0.0, -2 * ll_ml + 2 * parms,
                -2 * ll_ml + parms * std::log(kd), aicc(ll_ml, kd)};
  fit.fit_REML = {ll_reml, -2 * ll_reml, -2 * ll_reml + 2 * parms,
                  -2 * ll_reml + parms * std::log(kd - pd), aicc(ll_reml, kd - pd)};

  fit.weights_pct.resize(static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i) fit.weights_pct(static_cast<Eigen::Index>(i)) = 100.0 * w(i) / sum_w;
}

// Pseudo-R^2 (metafor's r2def "1"; weighted adjusted R^2 of lm for FE models).
void add_pseudo_r2(RmaFit& fit) {
  if (fit.int_only) return;
  if (fit.options.method == Tau2Method::FE) {
    const Eigen::VectorXd w = fit.vi.cwiseInverse();
    const double ybar_w = w.dot(fit.yi) / w.sum();
    const double tss = (w.array() * (fit.yi.array() - ybar_w).square()).sum();
    if (tss == 0) { fit.R2 = 0; return; }
    const Eigen::VectorXd fitted = fit.X * fit.beta;
    const double rss = (w.array() * (fit.yi - fitted).array().square()).sum();
    const double n = static_cast<double>(fit.k), pd = static_cast<double>(fit.p);
    const double adj = 1.0 - (rss / tss) * (n - 1.0) / (n - pd);
    fit.R2 = std::max(0.0, 100.0 * adj);
    return;
  }
  try {
    RmaOptions o = fit.options;
    const RmaFit re = fit_rma(fit.yi, fit.vi, o);
    fit.R2 = re.tau2 == 0 ? 0.0 : std::max(0.0, 100.0 * (re.tau2 - fit.tau2) / re.tau2);
  } catch (const core::Error&) {
    fit.R2 = std::nan("");
  }
}
}  // namespace

std::string to_string(Tau2Method m) {
  switch (m) {
    case Tau2Method::FE: return "FE";
    case Tau2Method::DL: return "DL";
    case Tau2Method::HE: return "HE";
    case Tau2Method::HS: return "HS";
    case Tau2Method::SJ: return "SJ";
    case Tau2Method::ML: return "ML";
    case Tau2Method::REML: return "REML";
    case Tau2Method::EB: return "EB";
    case Tau2Method::PM: return "PM";
  }
  return "?";
}
std::string to_string(TestType t) {
  switch (t) {
    case TestType::z: return "z";
    case TestType::knha: return "knha";
    case TestType::adhoc: return "adhoc";
    case TestType::t: return "t";
  }
  return "?";
}
Tau2Method parse_tau2_method(const std::string& name) {
  for (Tau2Method m : {Tau2Method::FE, Tau2Method::DL, Tau2Method::HE, Tau2Method::HS, Tau2Method::SJ,
                       Tau2Method::ML, Tau2Method::REML, Tau2Method::EB, Tau2Method::PM})
    if (to_string(m) == name) return m;
  if (name == "EE" || name == "CE") return Tau2Method::FE;
  throw core::ConfigError("", 0, 0, "method", name,
                          "'method' must be one of {FE, DL, HE, HS, SJ, ML, REML, EB, PM}");
}
TestType parse_test_type(const std::string& name) {
  for (TestType t : {TestType::z, TestType::knha, TestType::adhoc, TestType::t})
    if (to_string(t) == name) return t;
  if (name == "hksj") return TestType::knha;
  throw core::ConfigError("", 0, 0, "test", name, "'test' must be one of {z, knha, adhoc, t}");
}

RmaFit fit_rma(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, const RmaOptions& options) {
  validate(yi, vi, 1, options.method);
  RmaFit fit;
  fit.options = options;
  fit.method = options.method;
  fit.level = options.level;
  fit.k = static_cast<std::size_t>(yi.size());
  fit.p = 1;
  fit.int_only = true;
  fit.coef_names = {"intrcpt"};
  fit.yi = yi;
  fit.vi = vi;
  const detail::InterceptDesign design{fit.k};
  fit_with_design(design, fit);
  return fit;
}

RmaFit fit_rma_matrix(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, const Eigen::MatrixXd& X,
                      std::vector<std::string> coef_names, const RmaOptions& options) {
  if (X.rows() != yi.size())
    throw core::InputError("rma", "mods", std::to_string(X.rows()), "model matrix rows differ from k");
  if (X.cols() == 1) return fit_rma(yi, vi, options);
  validate(yi, vi, static_cast<std::size_t>(X.cols()), options.method);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      if (!std::isfinite(X(i, j)))
        throw core::InputError("rma", coef_names.at(static_cast<std::size_t>(j)) + "[" + std::to_string(i + 1) + "]",
                               std::to_string(X(i, j)), "moderator value is not a finite number");
  const Eigen::MatrixXd xtx = X.transpose() * X;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(xtx);
  if (eig.eigenvalues().minCoeff() < 1e-7)
    throw core::InputError("rma", "mods", "", "model matrix not of full rank (redundant moderators)");
  RmaFit fit;
  fit.options = options;
  fit.method = options.method;
  fit.level = options.level;
  fit.k = static_cast<std::size_t>(yi.size());
  fit.p = static_cast<std::size_t>(X.cols());
  fit.int_only = false;
  fit.coef_names = std::move(coef_names);
  fit.yi = yi;
  fit.vi = vi;
  fit.X = X;
  const detail::MatrixDesign design{&fit.X, fit.k};
  fit_with_design(design, fit);
  add_pseudo_r2(fit);
  return fit;
}

RmaFit fit_rma(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, const Moderators& mods,
               const RmaOptions& options) {
  if (mods.values.cols() == 0) return fit_rma(yi, vi, options);
  Eigen::MatrixXd X(mods.values.rows(), mods.values.cols() + 1);
  X.col(0).setOnes();
  X.rightCols(mods.values.cols()) = mods.values;
  std::vector<std::string> names{"intrcpt"};
  for (Eigen::Index j = 0; j < mods.values.cols(); ++j)
    names.push_back(static_cast<std::size_t>(j) < mods.names.size() ? mods.names[static_cast<std::size_t>(j)]
                                                                   : "mod" + std::to_string(j + 1));
  return fit_rma_matrix(yi, vi, X, std::move(names), options);
}

}  // namespace acuroi::meta
