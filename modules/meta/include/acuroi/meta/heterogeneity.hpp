// Q-profile confidence intervals for tau^2, tau, I^2 and H^2 (Viechtbauer 2007), as metafor's
// confint.rma.uni(type="qp"): bounds solve Q(tau^2) = chi^2 quantiles on [tau2_min, tau2_max] with
// tau2_max = max(100, 10 tau^2); a bound outside the range is reported at the range end and flagged.
//
//   const RmaFit fit = fit_rma(yi, vi);
//   const Tau2Interval ci = confint_tau2(fit);   // ci.tau2.ci_lb, ci.I2.ci_ub, ...
#pragma once
#include <optional>

#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

struct IntervalEstimate {
  double estimate = 0, ci_lb = 0, ci_ub = 0;
};

struct Tau2Interval {
  IntervalEstimate tau2, tau, I2, H2;  // I2 in percent
  bool lb_below_range = false;   // true lower bound < tau2_min ("<" in metafor's print)
  bool ub_above_range = false;   // true upper bound > tau2_max (">")
  bool null_set = false;         // the CI is empty (metafor: "null set")
  bool converged = true;
};

struct ConfintControl {
  double tol = 1.220703125e-4;  // metafor: .Machine$double.eps^0.25
  int maxiter = 1000;
  std::optional<double> tau2_min, tau2_max;
};

// Throws core::InputError for FE models (no tau^2) and k = 1. `level` in percent (default: fit's).
Tau2Interval confint_tau2(const RmaFit& fit, const ConfintControl& control = {},
                          std::optional<double> level = std::nullopt);

}  // namespace acuroi::meta
