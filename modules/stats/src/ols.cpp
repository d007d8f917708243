#include "acuroi/stats/ols.hpp"

#include "acuroi/stats/error.hpp"
#include "checks.hpp"
#include "distributions.hpp"
#include "format.hpp"

#include <cmath>
#include <numbers>

namespace acuroi::stats {

const Coefficient& OlsFit::coefficient(const std::string& name) const {
  return coefficients[index_of(name)];
}

std::size_t OlsFit::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < coefficients.size(); ++i)
    if (coefficients[i].name == name) return i;
  std::vector<std::string> names;
  for (const Coefficient& c : coefficients) names.push_back(c.name);
  throw StatsError("OLS model of '" + outcome + "'", "coefficient", name,
                   "no such coefficient; the model has " + detail::format_list(names, 50));
}

namespace {

void fill_summary(OlsFit& fit, const Design& design) {
  const double n = static_cast<double>(design.y.size());
  const double k = static_cast<double>(design.x.cols());
  fit.n_obs = n;
  fit.df_resid = n - k;
  fit.df_model = k - (design.has_intercept ? 1.0 : 0.0);
  fit.ssr = fit.residuals.squaredNorm();
  if (fit.ssr == 0.0)
    throw StatsError("OLS model of '" + design.outcome + "'", "SSR", "0",
                     "the model fits the outcome exactly; standard errors and t are undefined");
  fit.tss = design.has_intercept ? (design.y.array() - design.y.mean()).matrix().squaredNorm()
                                 : design.y.squaredNorm();
  fit.r_squared = 1.0 - fit.ssr / fit.tss;
  const double total_df = design.has_intercept ? n - 1.0 : n;
  fit.adj_r_squared = 1.0 - total_df / fit.df_resid * (1.0 - fit.r_squared);
  fit.sigma2 = fit.ssr / fit.df_resid;
  if (fit.df_model > 0) {
    fit.f_value = ((fit.tss - fit.ssr) / fit.df_model) / fit.sigma2;
    fit.f_p = detail::f_upper_p(fit.f_value, fit.df_model, fit.df_resid);
  } else {
    fit.f_value = std::nan("");  // intercept-only model: statsmodels reports nan too
    fit.f_p = std::nan("");
  }
  fit.log_likelihood = -n / 2.0 * (std::log(2.0 * std::numbers::pi) + std::log(fit.ssr / n) + 1.0);
  fit.aic = -2.0 * fit.log_likelihood + 2.0 * k;
  fit.bic = -2.0 * fit.log_likelihood + std::log(n) * k;
}

}  // namespace

OlsFit fit_ols(const Design& design, double confidence) {
  detail::check_confidence(confidence);
  check_full_rank(design.x, design.column_names, design.has_intercept);
  const Eigen::Index p = design.x.cols();
  OlsFit fit;
  fit.outcome = design.outcome;
  fit.participant_ids = design.participant_ids;
  fit.has_intercept = design.has_intercept;
  fit.confidence = confidence;
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(design.x);
  fit.params = qr.solve(design.y);
  // (X'X)^{-1} = P R^{-1} R^{-T} P'
  const Eigen::MatrixXd r = qr.matrixR().topLeftCorner(p, p).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd r_inverse =
      r.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(p, p));
  const Eigen::MatrixXd permuted = r_inverse * r_inverse.transpose();
  fit.normalized_cov = qr.colsPermutation() * permuted * qr.colsPermutation().transpose();
  fit.fitted = design.x * fit.params;
  fit.residuals = design.y - fit.fitted;
  fill_summary(fit, design);
  const double critical = detail::t_critical(confidence, fit.df_resid);
  for (Eigen::Index j = 0; j < p; ++j) {
    Coefficient c;
    c.name = design.column_names[static_cast<std::size_t>(j)];
    c.estimate = fit.params[j];
    c.se = std::sqrt(fit.sigma2 * fit.normalized_cov(j, j));
    c.t = c.estimate / c.se;
    c.p = detail::t_two_sided_p(c.t, fit.df_resid);
    c.ci_lower = c.estimate - critical * c.se;
    c.ci_upper = c.estimate + critical * c.se;
    fit.coefficients.push_back(c);
  }
  return fit;
}

}  // namespace acuroi::stats
