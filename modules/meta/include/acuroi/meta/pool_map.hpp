// Many intercept-only pools at once (a voxel-wise or ROI x measure map): the same estimators,
// tests and prediction interval as fit_rma + predict, returned as a small summary per pool with no
// per-pool heap allocation. TBB runs across pools; each pool's numbers do not depend on threads.
//
//   // yi, vi: pools x k values, row-major (pool p's studies at [p*k, (p+1)*k))
//   std::vector<PoolSummary> out = pool_many(yi.data(), vi.data(), pools, k, RmaOptions{});
#pragma once
#include <cstddef>
#include <vector>

#include "acuroi/meta/predict.hpp"
#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

struct PoolSummary {
  double estimate = 0, se = 0, stat = 0, pval = 1, ci_lb = 0, ci_ub = 0, pi_lb = 0, pi_ub = 0;
  double tau2 = 0, I2 = 0, H2 = 1, QE = 0, QEp = 1;
  int iterations = 0;
  bool converged = true;  // false: the estimator failed; the other fields are NaN
};

// One pool (k >= 1); invalid input (non-finite yi, vi <= 0) gives converged = false and NaNs
// rather than an exception, so one bad voxel does not stop a map.
PoolSummary pool_summary(const double* yi, const double* vi, std::size_t k, const RmaOptions& options,
                         PredictionDf pi_convention = PredictionDf::metafor);

std::vector<PoolSummary> pool_many(const double* yi, const double* vi, std::size_t pools, std::size_t k,
                                   const RmaOptions& options, PredictionDf pi_convention = PredictionDf::metafor);

}  // namespace acuroi::meta
