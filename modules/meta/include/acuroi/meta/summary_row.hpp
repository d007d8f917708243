// One summary-of-findings row per ROI x measure: k, total N, pooled estimate with CI and PI,
// I^2, tau^2, Egger's p, and flags for imprecision and inconsistency. A report, not a GRADE judgement.
//   imprecision:   the CI includes 0, or the CI is wider than `wide_ci_width` (effect-size units)
//   inconsistency: I^2 > 50 %, or the prediction interval includes 0
//
//   SummaryRow row = summarise("ACC", "alff", fit, total_n);
#pragma once
#include <limits>
#include <string>

#include "acuroi/meta/predict.hpp"
#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

struct SummaryOptions {
  double wide_ci_width = 1.0;  // e.g. one standard deviation for SMD
  PredictionDf pi_convention = PredictionDf::metafor;
};

struct SummaryRow {
  static constexpr double na = std::numeric_limits<double>::quiet_NaN();
  std::string roi, measure, method, test;
  std::size_t k = 0;
  double total_n = na;
  double estimate = na, ci_lb = na, ci_ub = na, pi_lb = na, pi_ub = na;
  double I2 = na, tau2 = na;
  double egger_p = na;  // classic weighted-regression form; NaN when k < 3
  bool ci_includes_zero = false, ci_wide = false;  // imprecision
  bool I2_over_50 = false, pi_includes_zero = false;  // inconsistency
  bool imprecision() const { return ci_includes_zero || ci_wide; }
  bool inconsistency() const { return I2_over_50 || pi_includes_zero; }
};

SummaryRow summarise(const std::string& roi, const std::string& measure, const RmaFit& fit,
                     double total_n = SummaryRow::na, const SummaryOptions& options = {});

}  // namespace acuroi::meta
