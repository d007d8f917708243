#include "acuroi/meta/sensitivity.hpp"

#include <cmath>

#include "acuroi/core/error.hpp"

namespace acuroi::meta {
namespace {
struct Subset {
  Eigen::VectorXd yi, vi;
  Eigen::MatrixXd X;
};
Subset without(const RmaFit& f, std::size_t left_out) {
  const Eigen::Index k = static_cast<Eigen::Index>(f.k);
  Subset s;
  s.yi.resize(k - 1);
  s.vi.resize(k - 1);
  if (!f.int_only) s.X.resize(k - 1, f.X.cols());
  Eigen::Index r = 0;
  for (Eigen::Index i = 0; i < k; ++i) {
    if (static_cast<std::size_t>(i) == left_out) continue;
    s.yi(r) = f.yi(i);
    s.vi(r) = f.vi(i);
    if (!f.int_only) s.X.row(r) = f.X.row(i);
    ++r;
  }
  return s;
}
RmaFit refit(const RmaFit& f, const Subset& s) {
  if (f.int_only) return fit_rma(s.yi, s.vi, f.options);
  return fit_rma_matrix(s.yi, s.vi, s.X, f.coef_names, f.options);
}
Eigen::MatrixXd design_of(const RmaFit& f) {
  return f.int_only ? Eigen::MatrixXd::Ones(static_cast<Eigen::Index>(f.k), 1) : f.X;
}
}  // namespace

void RefitTable::push(const RmaFit& f) {
  estimate.push_back(f.beta(0));
  se.push_back(f.se(0));
  stat.push_back(f.stat(0));
  pval.push_back(f.pval(0));
  ci_lb.push_back(f.ci_lb(0));
  ci_ub.push_back(f.ci_ub(0));
  Q.push_back(f.QE);
  Qp.push_back(f.QEp);
  tau2.push_back(f.tau2);
  I2.push_back(f.I2);
  H2.push_back(f.H2);
}

LeaveOneOut leave_one_out(const RmaFit& fit) {
  if (!fit.int_only) throw core::InputError("leave1out", "mods", "", "leave-one-out needs an intercept-only model");
  if (fit.k < 2) throw core::InputError("leave1out", "k", std::to_string(fit.k), "needs at least 2 studies");
  LeaveOneOut out;
  for (std::size_t i = 0; i < fit.k; ++i) out.push(refit(fit, without(fit, i)));
  return out;
}

Cumulative cumulative(const RmaFit& fit, const std::vector<std::size_t>& order) {
  if (!fit.int_only) throw core::InputError("cumul", "mods", "", "cumulative analysis needs an intercept-only model");
  if (order.size() != fit.k) throw core::InputError("cumul", "order", std::to_string(order.size()), "order must list every study once");
  Cumulative out;
  out.order = order;
  for (std::size_t n = 1; n <= order.size(); ++n) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(n)), v(static_cast<Eigen::Index>(n));
    for (std::size_t j = 0; j < n; ++j) {
      y(static_cast<Eigen::Index>(j)) = fit.yi(static_cast<Eigen::Index>(order.at(j)));
      v(static_cast<Eigen::Index>(j)) = fit.vi(static_cast<Eigen::Index>(order.at(j)));
    }
    out.push(fit_rma(y, v, fit.options));
  }
  return out;
}

std::vector<double> hat_values(const RmaFit& fit) {
  const Eigen::MatrixXd X = design_of(fit);
  const Eigen::VectorXd w = (fit.vi.array() + fit.tau2).inverse().matrix();
  const Eigen::MatrixXd inv = (X.transpose() * w.asDiagonal() * X).inverse();
  std::vector<double> h(fit.k);
  for (Eigen::Index i = 0; i < X.rows(); ++i) h[static_cast<std::size_t>(i)] = w(i) * X.row(i).dot(inv * X.row(i).transpose());
  return h;
}

Influence influence(const RmaFit& fit) {
  if (fit.k < 2) throw core::InputError("influence", "k", std::to_string(fit.k), "needs at least 2 studies");
  const Eigen::MatrixXd X = design_of(fit);
  const std::size_t k = fit.k, p = fit.p;
  Influence out;
  out.hat = hat_values(fit);
  out.dfbetas.assign(p, std::vector<double>(k, std::nan("")));
  const Eigen::MatrixXd svb = fit.vb.inverse();
  const double det_full = fit.vb.determinant();
  std::vector<double> resid(k), seresid(k);
  for (std::size_t i = 0; i < k; ++i) {
    const RmaFit d = refit(fit, without(fit, i));
    const Eigen::Index ii = static_cast<Eigen::Index>(i);
    const Eigen::VectorXd xi = X.row(ii).transpose();
    const double delpred = xi.dot(d.beta);
    const double vdelpred = xi.dot(d.vb * xi);
    const double pred_full = xi.dot(fit.beta);
    out.tau2_del.push_back(d.tau2);
    out.QE_del.push_back(d.QE);
    out.dffits.push_back((pred_full - delpred) / std::sqrt(d.s2w * out.hat[i] * (d.tau2 + fit.vi(ii))));
    const Eigen::VectorXd w_del = (fit.vi.array() + d.tau2).inverse().matrix();
    const Eigen::MatrixXd vb_del = (X.transpose() * w_del.asDiagonal() * X).inverse();
    const Eigen::VectorXd dfb = fit.beta - d.beta;
    for (std::size_t j = 0; j < p; ++j) {
      const Eigen::Index jj = static_cast<Eigen::Index>(j);
      out.dfbetas[j][i] = dfb(jj) / std::sqrt(d.s2w * vb_del(jj, jj));
    }
    out.cook_d.push_back(dfb.dot(svb * dfb));
    out.cov_r.push_back(d.vb.determinant() / det_full);
    double r = fit.yi(ii) - delpred;
    if (std::abs(r) < 100 * 2.220446049250313e-16) r = 0;
    resid[i] = r;
    seresid[i] = std::sqrt(fit.vi(ii) * d.s2w + vdelpred + d.tau2 * d.s2w);
    out.rstudent.push_back(resid[i] / seresid[i]);
    out.weight.push_back(fit.weights_pct(ii));
  }
  return out;
}

}  // namespace acuroi::meta
