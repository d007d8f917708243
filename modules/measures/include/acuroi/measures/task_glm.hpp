// Ordinary least squares / AR(1) GLM of one ROI series on a task design, with condition and
// contrast estimates and percent signal change.
//
// OLS: beta = pinv(X) y, sigma^2 = RSS / (T - rank X), cov(beta) = sigma^2 (X'X)^-1.
// AR(1) (nilearn noise_model="ar1"): rho = sum_t e_t e_{t-1} / sum_t e_t^2 from the OLS residuals
// e (Yule-Walker, order 1; nilearn then rounds rho to 2 decimals to bin voxels — we do not round);
// X and y are prewhitened (row 0 times sqrt(1 - rho^2), row t: x_t - rho x_{t-1}) and refitted.
// Contrast c: estimate c'beta, SE sqrt(c' cov c), t = estimate / SE, dof = T - rank X.
// Percent signal change of a condition = 100 * beta * max(regressor) / baseline, baseline = the
// intercept beta (MarsBaR convention: the modelled signal with no event and zero drift /
// confounds); NaN when the baseline is not positive.
//
//   GlmFit fit = fit_glm(roi_series, design.matrix, GlmOptions{.ar1 = true});
//   ContrastEstimate c = estimate_contrast(fit, contrast_vector);
//   std::vector<ConditionEstimate> per_condition = condition_estimates(fit, design);
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "acuroi/measures/task_design.hpp"

namespace acuroi::measures {

struct GlmOptions {
  bool ar1 = false;
};

struct GlmFit {
  Eigen::VectorXd beta;                 // P
  Eigen::MatrixXd unscaled_covariance;  // (X'X)^-1 of the (whitened) design, P x P
  double residual_variance = 0.0;       // sigma^2
  double degrees_of_freedom = 0.0;      // T - rank X
  double ar1_rho = 0.0;                 // 0 for OLS
};

struct ContrastEstimate {
  double estimate = 0.0;
  double standard_error = 0.0;
  double t = 0.0;
};

struct ConditionEstimate {
  std::string condition;
  double beta = 0.0;
  double standard_error = 0.0;
  double t = 0.0;
  double percent_signal_change = 0.0;
};

// Throws core::InputError when y and X disagree in rows, y is not finite, or T <= rank X.
GlmFit fit_glm(const Eigen::VectorXd& series, const Eigen::MatrixXd& design,
               const GlmOptions& options = {});

// Throws core::InputError when the contrast length differs from the number of columns.
ContrastEstimate estimate_contrast(const GlmFit& fit, const Eigen::VectorXd& contrast);

std::vector<ConditionEstimate> condition_estimates(const GlmFit& fit, const DesignMatrix& design);

}  // namespace acuroi::measures
