#include "acuroi/measures/task_glm.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::measures {
namespace {

struct OlsSolution {
  Eigen::VectorXd beta;
  Eigen::VectorXd residuals;
  Eigen::MatrixXd unscaled_covariance;
  Eigen::Index rank = 0;
};

OlsSolution solve_ols(const Eigen::VectorXd& y, const Eigen::MatrixXd& x) {
  const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> decomposition(x);
  OlsSolution out;
  out.beta = decomposition.solve(y);
  out.residuals = y - x * out.beta;
  out.rank = decomposition.rank();
  const Eigen::MatrixXd gram = x.transpose() * x;
  out.unscaled_covariance = gram.completeOrthogonalDecomposition().pseudoInverse();
  return out;
}

Eigen::MatrixXd ar1_whiten(const Eigen::MatrixXd& m, double rho) {
  Eigen::MatrixXd out(m.rows(), m.cols());
  out.row(0) = std::sqrt(1.0 - rho * rho) * m.row(0);
  for (Eigen::Index t = 1; t < m.rows(); ++t) out.row(t) = m.row(t) - rho * m.row(t - 1);
  return out;
}

GlmFit finish(const OlsSolution& solution, Eigen::Index rows, double rho) {
  GlmFit fit;
  fit.beta = solution.beta;
  fit.unscaled_covariance = solution.unscaled_covariance;
  fit.degrees_of_freedom = static_cast<double>(rows - solution.rank);
  fit.residual_variance = solution.residuals.squaredNorm() / fit.degrees_of_freedom;
  fit.ar1_rho = rho;
  return fit;
}

}  // namespace

GlmFit fit_glm(const Eigen::VectorXd& series, const Eigen::MatrixXd& design,
               const GlmOptions& options) {
  if (series.size() != design.rows()) {
    throw core::InputError(
        "(task GLM)", "series length", std::to_string(series.size()),
        "differs from the design's rows (" + std::to_string(design.rows()) + ")");
  }
  if (!series.allFinite()) {
    throw core::InputError("(task GLM)", "series", "non-finite", "ROI series must be finite");
  }
  const OlsSolution ols = solve_ols(series, design);
  if (series.size() <= ols.rank) {
    throw core::InputError("(task GLM)", "volume count", std::to_string(series.size()),
                           "must exceed the design rank (" + std::to_string(ols.rank) + ")");
  }
  if (!options.ar1) return finish(ols, series.size(), 0.0);
  const Eigen::VectorXd& e = ols.residuals;
  const double denominator = e.squaredNorm();
  const double rho =
      denominator > 0.0 ? e.tail(e.size() - 1).dot(e.head(e.size() - 1)) / denominator : 0.0;
  const Eigen::VectorXd y_white = ar1_whiten(series, rho);
  const Eigen::MatrixXd x_white = ar1_whiten(design, rho);
  return finish(solve_ols(y_white, x_white), series.size(), rho);
}

ContrastEstimate estimate_contrast(const GlmFit& fit, const Eigen::VectorXd& contrast) {
  if (contrast.size() != fit.beta.size()) {
    throw core::InputError(
        "(task GLM)", "contrast length", std::to_string(contrast.size()),
        "must equal the number of design columns (" + std::to_string(fit.beta.size()) + ")");
  }
  ContrastEstimate out;
  out.estimate = contrast.dot(fit.beta);
  out.standard_error =
      std::sqrt(fit.residual_variance * contrast.dot(fit.unscaled_covariance * contrast));
  out.t = out.estimate / out.standard_error;
  return out;
}

std::vector<ConditionEstimate> condition_estimates(const GlmFit& fit, const DesignMatrix& design) {
  std::vector<ConditionEstimate> out;
  const double baseline = design.intercept_column >= 0 ? fit.beta(design.intercept_column)
                                                       : std::numeric_limits<double>::quiet_NaN();
  for (std::size_t c = 0; c < design.conditions.size(); ++c) {
    const int column = design.condition_columns[c];
    Eigen::VectorXd contrast = Eigen::VectorXd::Zero(fit.beta.size());
    contrast(column) = 1.0;
    const ContrastEstimate estimate = estimate_contrast(fit, contrast);
    ConditionEstimate condition{design.conditions[c], estimate.estimate, estimate.standard_error,
                                estimate.t, std::numeric_limits<double>::quiet_NaN()};
    const double peak = design.matrix.col(column).maxCoeff();
    if (baseline > 0.0)
      condition.percent_signal_change = 100.0 * estimate.estimate * peak / baseline;
    out.push_back(condition);
  }
  return out;
}

}  // namespace acuroi::measures
