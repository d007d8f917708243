// Pooled estimate with confidence and prediction intervals, as metafor's predict.rma, plus the
// Higgins/Stata convention. metafor: PI = pred +/- crit sqrt(se^2 + tau^2) with crit from N(0,1)
// under test "z" and t(k-p) under knha/adhoc/t. Higgins et al. (2009) / Stata metan: t(k-2).
//
//   Prediction pr = predict(fit);                              // metafor convention
//   Prediction ph = predict(fit, PredictionDf::higgins_k_minus_2);
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

enum class PredictionDf {
  metafor,            // z under test z, t(k-p) under knha/adhoc/t
  higgins_k_minus_2,  // t(k-2) always (NaN when k < 3)
};
std::string to_string(PredictionDf convention);

struct Prediction {
  double pred = 0, se = 0, ci_lb = 0, ci_ub = 0, pi_lb = 0, pi_ub = 0;
  double pi_df = 0;  // NaN means normal quantile
  PredictionDf convention = PredictionDf::metafor;
};

// Intercept-only models: the pooled effect.
Prediction predict(const RmaFit& fit, PredictionDf convention = PredictionDf::metafor);
// Meta-regression: one prediction per row of `newmods` (moderator values, no intercept column).
std::vector<Prediction> predict_new(const RmaFit& fit, const Eigen::MatrixXd& newmods,
                                    PredictionDf convention = PredictionDf::metafor);

}  // namespace acuroi::meta
