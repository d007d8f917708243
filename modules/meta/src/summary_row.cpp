#include "acuroi/meta/summary_row.hpp"

#include "acuroi/meta/small_study.hpp"

namespace acuroi::meta {

SummaryRow summarise(const std::string& roi, const std::string& measure, const RmaFit& fit, double total_n,
                     const SummaryOptions& o) {
  SummaryRow r;
  r.roi = roi;
  r.measure = measure;
  r.method = to_string(fit.method);
  r.test = to_string(fit.test);
  r.k = fit.k;
  r.total_n = total_n;
  const Prediction p = predict(fit, o.pi_convention);
  r.estimate = p.pred;
  r.ci_lb = p.ci_lb;
  r.ci_ub = p.ci_ub;
  r.pi_lb = p.pi_lb;
  r.pi_ub = p.pi_ub;
  r.I2 = fit.I2;
  r.tau2 = fit.tau2;
  if (fit.k >= 3) r.egger_p = egger_classic(fit.yi, fit.vi, fit.level).pval;
  r.ci_includes_zero = r.ci_lb <= 0 && r.ci_ub >= 0;
  r.ci_wide = (r.ci_ub - r.ci_lb) > o.wide_ci_width;
  r.I2_over_50 = r.I2 > 50;
  r.pi_includes_zero = r.pi_lb <= 0 && r.pi_ub >= 0;
  return r;
}

}  // namespace acuroi::meta
