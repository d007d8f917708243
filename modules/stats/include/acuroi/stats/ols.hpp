// Ordinary least squares on a Design, reported exactly as statsmodels OLS does:
// per coefficient estimate, SE, t, two-sided p and CI (t with df_resid); R², adjusted R²,
// model F and its p (vs the intercept-only model; uncentred when there is no intercept),
// σ² = SSR/df_resid, llf = −n/2·(log(2π) + log(SSR/n) + 1), AIC = −2llf + 2k, BIC = −2llf +
// log(n)k, with k the number of columns including the constant. Solved by column-pivoting
// Householder QR; a rank-deficient design is an error (see check_full_rank). Linear hypotheses: t
// contrasts c'β = 0 and F tests Lβ = q (statsmodels t_test / f_test).
//
//   OlsFit fit = fit_ols(build_design(table, spec));
//   const Coefficient& arm = fit.coefficient("arm[T.acupuncture]");
//   FTest joint = f_test_coefficients(fit, {"age", "sex[T.1]"});
#pragma once
#include "acuroi/stats/design.hpp"

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace acuroi::stats {

struct Coefficient {
  std::string name;
  double estimate = 0, se = 0, t = 0, p = 0, ci_lower = 0, ci_upper = 0;
};

struct OlsFit {
  std::string outcome;
  std::vector<std::string> participant_ids;
  std::vector<Coefficient> coefficients;  // in design column order
  Eigen::VectorXd params;
  Eigen::MatrixXd normalized_cov;  // (X'X)^{-1}; cov(β) = sigma2 · normalized_cov
  Eigen::VectorXd fitted, residuals;
  bool has_intercept = true;
  double confidence = 0.95;
  double n_obs = 0, df_model = 0, df_resid = 0;
  double ssr = 0, tss = 0;  // tss centred with an intercept, uncentred without
  double r_squared = 0, adj_r_squared = 0;
  double f_value = 0, f_p = 0;
  double sigma2 = 0;
  double log_likelihood = 0, aic = 0, bic = 0;

  // Throws StatsError when no coefficient has this name (lists the names).
  const Coefficient& coefficient(const std::string& name) const;
  std::size_t index_of(const std::string& name) const;
};

// Throws StatsError: a singular design, or a perfect fit (SSR = 0; t undefined).
OlsFit fit_ols(const Design& design, double confidence = 0.95);

struct ContrastTest {
  double estimate = 0, se = 0, t = 0, df = 0, p = 0, ci_lower = 0, ci_upper = 0;
};
struct FTest {
  double f = 0, df_num = 0, df_den = 0, p = 0;
};

// H0: c'β = 0 (c has one weight per coefficient).
ContrastTest t_contrast(const OlsFit& fit, const Eigen::VectorXd& contrast);
// H0: Lβ = q (L: rows = hypotheses, full row rank; q defaults to 0).
FTest f_test(const OlsFit& fit, const Eigen::MatrixXd& hypotheses,
             const Eigen::VectorXd& values = Eigen::VectorXd());
// H0: every named coefficient is 0.
FTest f_test_coefficients(const OlsFit& fit, const std::vector<std::string>& names);

}  // namespace acuroi::stats
