// Internal: Brent's root finder with exactly the step logic of R's uniroot()/zeroin, so that
// estimators metafor solves with uniroot() (PM, Q-profile bounds) reproduce its iterates.
#pragma once
#include <functional>

namespace acuroi::meta::detail {

struct RootResult {
  double root = 0.0;
  bool converged = false;
  int iterations = 0;
};

// f(lower) and f(upper) must have opposite signs (or one be zero); tol as uniroot's `tol`.
RootResult brent_root(const std::function<double(double)>& f, double lower, double upper,
                      double f_lower, double f_upper, double tol, int maxiter);

}  // namespace acuroi::meta::detail
