// Q-profile CI for tau^2 (metafor confint.rma.uni, type "qp"), with I^2/H^2/tau from the bounds.
#include <algorithm>
#include <cmath>
#include <vector>

#include "acuroi/core/error.hpp"
#include "acuroi/meta/heterogeneity.hpp"
#include "distributions.hpp"
#include "root_find.hpp"
#include "tau2_estimators.hpp"

namespace acuroi::meta {
namespace {
template <class D>
Tau2Interval qprofile(const D& design, const RmaFit& fit, const ConfintControl& c, double level) {
  const std::size_t k = fit.k, p = fit.p;
  std::vector<double> yc(k);
  const double ybar = fit.yi.mean();
  for (std::size_t i = 0; i < k; ++i) yc[i] = fit.yi(static_cast<Eigen::Index>(i)) - ybar;
  detail::Tau2Engine<D> engine{design, yc.data(), fit.vi.data(), k, p, fit.options.control, 0.0, fit.yi.data()};
  const double tau2_min = c.tau2_min ? *c.tau2_min : std::min(0.0, fit.tau2);
  const double tau2_max = c.tau2_max ? *c.tau2_max : std::max({100.0, fit.tau2 * 10, tau2_min * 10});
  const double df = static_cast<double>(k - p);
  const double alpha = 1.0 - level / 100.0;
  const double crit_u = detail::chisq_quantile(1.0 - alpha / 2.0, df);
  const double crit_l = detail::chisq_quantile(alpha / 2.0, df);
  const double q_max = engine.q_at(tau2_max);
  const double q_min = engine.q_at(tau2_min);
  Tau2Interval out;
  double lb = std::nan(""), ub = std::nan("");
  auto solve = [&](double target, double& bound) {
    auto g = [&](double t) { return engine.q_at(t) - target; };
    const detail::RootResult r = detail::brent_root(g, tau2_min, tau2_max, q_min - target, q_max - target,
                                                    c.tol, c.maxiter);
    if (r.converged) bound = r.root; else out.converged = false;
  };
  if (q_min < crit_l) {
    lb = ub = tau2_min;
    out.lb_below_range = out.ub_above_range = false;
    out.null_set = tau2_min <= 0;
    out.lb_below_range = true;
  } else if (q_max > crit_l) {
    ub = tau2_max;
    out.ub_above_range = true;
  } else {
    solve(crit_l, ub);
  }
  if (q_max > crit_u) {
    lb = ub = tau2_max;
    out.lb_below_range = false;
    out.ub_above_range = true;
  } else if (q_min < crit_u) {
    lb = tau2_min;
    if (tau2_min > 0) out.lb_below_range = true;
  } else {
    solve(crit_u, lb);
  }
  auto i2 = [&](double t) { return 100.0 * t / (fit.vt + t); };
  auto h2 = [&](double t) { return t / fit.vt + 1.0; };
  auto root = [](double t) { return t >= 0 ? std::sqrt(t) : std::nan(""); };
  out.tau2 = {fit.tau2, lb, ub};
  out.tau = {root(fit.tau2), root(lb), root(ub)};
  out.I2 = {fit.I2, i2(lb), i2(ub)};
  out.H2 = {fit.H2, h2(lb), h2(ub)};
  return out;
}
}  // namespace

Tau2Interval confint_tau2(const RmaFit& fit, const ConfintControl& control, std::optional<double> level) {
  if (fit.k == 1) throw core::InputError("confint", "k", "1", "no CI for tau^2 with one study");
  if (fit.method == Tau2Method::FE)
    throw core::InputError("confint", "method", "FE", "model has no random-effects component");
  const double lev = level ? *level : fit.level;
  if (fit.int_only) return qprofile(detail::InterceptDesign{fit.k}, fit, control, lev);
  return qprofile(detail::MatrixDesign{&fit.X, fit.k}, fit, control, lev);
}

}  // namespace acuroi::meta
