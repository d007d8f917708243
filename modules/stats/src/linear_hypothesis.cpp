#include "acuroi/stats/error.hpp"
#include "acuroi/stats/ols.hpp"
#include "distributions.hpp"

#include <cmath>

namespace acuroi::stats {

ContrastTest t_contrast(const OlsFit& fit, const Eigen::VectorXd& contrast) {
  if (contrast.size() != fit.params.size())
    throw StatsError(
        "t contrast", "weights", std::to_string(contrast.size()),
        "expected one weight per coefficient (" + std::to_string(fit.params.size()) + ")");
  if (contrast.isZero(0.0))
    throw StatsError("t contrast", "weights", "all 0", "a contrast needs a non-zero weight");
  ContrastTest r;
  r.estimate = contrast.dot(fit.params);
  r.se = std::sqrt(fit.sigma2 * contrast.dot(fit.normalized_cov * contrast));
  r.t = r.estimate / r.se;
  r.df = fit.df_resid;
  r.p = detail::t_two_sided_p(r.t, r.df);
  const double half_width = detail::t_critical(fit.confidence, r.df) * r.se;
  r.ci_lower = r.estimate - half_width;
  r.ci_upper = r.estimate + half_width;
  return r;
}

FTest f_test(const OlsFit& fit, const Eigen::MatrixXd& hypotheses, const Eigen::VectorXd& values) {
  const Eigen::Index q = hypotheses.rows();
  if (q == 0 || hypotheses.cols() != fit.params.size())
    throw StatsError(
        "F test", "hypothesis matrix",
        std::to_string(q) + " x " + std::to_string(hypotheses.cols()),
        "needs ≥ 1 row and one column per coefficient (" + std::to_string(fit.params.size()) + ")");
  const Eigen::VectorXd target = values.size() == 0 ? Eigen::VectorXd::Zero(q) : values;
  if (target.size() != q)
    throw StatsError("F test", "values", std::to_string(target.size()),
                     "expected one per hypothesis row (" + std::to_string(q) + ")");
  Eigen::FullPivLU<Eigen::MatrixXd> lu(hypotheses);
  if (lu.rank() < q)
    throw StatsError("F test", "hypothesis matrix", "rank " + std::to_string(lu.rank()),
                     "rows must be linearly independent (" + std::to_string(q) + " rows)");
  const Eigen::VectorXd difference = hypotheses * fit.params - target;
  const Eigen::MatrixXd middle = hypotheses * fit.normalized_cov * hypotheses.transpose();
  const double quadratic = difference.dot(middle.ldlt().solve(difference));
  FTest r;
  r.df_num = static_cast<double>(q);
  r.df_den = fit.df_resid;
  r.f = quadratic / (r.df_num * fit.sigma2);
  r.p = detail::f_upper_p(r.f, r.df_num, r.df_den);
  return r;
}

FTest f_test_coefficients(const OlsFit& fit, const std::vector<std::string>& names) {
  Eigen::MatrixXd hypotheses =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(names.size()), fit.params.size());
  for (std::size_t i = 0; i < names.size(); ++i)
    hypotheses(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(fit.index_of(names[i]))) =
        1.0;
  return f_test(fit, hypotheses);
}

}  // namespace acuroi::stats
