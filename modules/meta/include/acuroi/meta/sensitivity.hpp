// Sensitivity analyses of an rma fit, as metafor's leave1out(), influence() and cumul():
// every refit uses the model's method, test and control.
//
//   const RmaFit fit = fit_rma(yi, vi);
//   const LeaveOneOut loo = leave_one_out(fit);        // loo.estimate[i]: pooled without study i
//   const Influence inf = influence(fit);              // rstudent, dffits, cook_d, cov_r, ...
//   const Cumulative cum = cumulative(fit, order);     // order: study indices (0-based), e.g. by year
#pragma once
#include <vector>

#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

// One row per left-out / added study; `stat` is z or t as the model's test.
struct RefitTable {
  std::vector<double> estimate, se, stat, pval, ci_lb, ci_ub, Q, Qp, tau2, I2, H2;
  void push(const RmaFit& f);
};

struct LeaveOneOut : RefitTable {};
struct Cumulative : RefitTable {
  std::vector<std::size_t> order;  // study index added at each step
};

struct Influence {
  std::vector<double> rstudent, dffits, cook_d, cov_r, tau2_del, QE_del, hat, weight;
  std::vector<std::vector<double>> dfbetas;  // [coefficient][study]
};

LeaveOneOut leave_one_out(const RmaFit& fit);             // intercept-only models
Influence influence(const RmaFit& fit);                   // any rma fit (k >= 2)
Cumulative cumulative(const RmaFit& fit, const std::vector<std::size_t>& order);  // intercept-only

// Hat values diag(X (X'WX)^-1 X'W) and weights (percent) of a fit.
std::vector<double> hat_values(const RmaFit& fit);

}  // namespace acuroi::meta
