#include "acuroi/meta/predict.hpp"

#include <cmath>

#include "acuroi/core/error.hpp"
#include "distributions.hpp"

namespace acuroi::meta {
namespace {
Prediction make(const RmaFit& fit, double pred, double se, PredictionDf convention) {
  Prediction p;
  p.convention = convention;
  p.pred = pred;
  p.se = se;
  const double crit = detail::critical_value(fit.level, fit.ddf);
  p.ci_lb = pred - crit * se;
  p.ci_ub = pred + crit * se;
  double pi_crit = crit;
  p.pi_df = fit.ddf;
  if (convention == PredictionDf::higgins_k_minus_2) {
    p.pi_df = static_cast<double>(fit.k) - 2.0;
    pi_crit = p.pi_df > 0 ? detail::critical_value(fit.level, p.pi_df) : std::nan("");
  }
  const double pi_se = std::sqrt(se * se + fit.tau2);
  p.pi_lb = pred - pi_crit * pi_se;
  p.pi_ub = pred + pi_crit * pi_se;
  return p;
}
}  // namespace

std::string to_string(PredictionDf c) {
  return c == PredictionDf::metafor ? "metafor (z or t(k-p) as the test)" : "Higgins/Stata t(k-2)";
}

Prediction predict(const RmaFit& fit, PredictionDf convention) {
  if (!fit.int_only)
    throw core::InputError("predict", "newmods", "", "a model with moderators needs moderator values");
  return make(fit, fit.beta(0), fit.se(0), convention);
}

std::vector<Prediction> predict_new(const RmaFit& fit, const Eigen::MatrixXd& newmods,
                                    PredictionDf convention) {
  if (static_cast<std::size_t>(newmods.cols()) + 1 != fit.p)
    throw core::InputError("predict", "newmods", std::to_string(newmods.cols()),
                           "number of moderator values differs from the model's");
  std::vector<Prediction> out;
  for (Eigen::Index r = 0; r < newmods.rows(); ++r) {
    Eigen::VectorXd x(static_cast<Eigen::Index>(fit.p));
    x(0) = 1.0;
    x.tail(newmods.cols()) = newmods.row(r).transpose();
    out.push_back(make(fit, x.dot(fit.beta), std::sqrt(x.dot(fit.vb * x)), convention));
  }
  return out;
}

}  // namespace acuroi::meta
