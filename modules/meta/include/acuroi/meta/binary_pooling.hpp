// Pooling 2x2 tables without an effect-size step, as metafor's rma.mh (Mantel-Haenszel OR, RR, RD,
// with Cochran-Mantel-Haenszel and Breslow-Day/Tarone tests for OR) and rma.peto (Peto's OR).
// Estimates are on the log scale for OR/RR. Q, I^2, H^2 use the inverse-variance yi/vi of escalc
// (add 1/2 to zero cells); the pooled estimate uses the raw counts (no correction), as metafor.
//
//   MantelHaenszel mh = mantel_haenszel(Measure::OR, tables);   // mh.beta = log(OR_MH)
//   Peto pt = peto(tables);
#pragma once
#include <limits>
#include <vector>

#include "acuroi/meta/effect_size.hpp"

namespace acuroi::meta {

struct MantelHaenszel {
  std::size_t k = 0;
  double beta = 0, se = 0, zval = 0, pval = 1, ci_lb = 0, ci_ub = 0;
  double QE = 0, QEp = 1, I2 = 0, H2 = 1;
  static constexpr double na = std::numeric_limits<double>::quiet_NaN();
  double CO = na, COp = na, MH = na, MHp = na, BD = na, BDp = na, TA = na, TAp = na;  // OR only
};

// measure: OR, RR or RD. `continuity_correction` is metafor's `correct` (CMH test, default true).
MantelHaenszel mantel_haenszel(Measure measure, const std::vector<Table2x2>& tables,
                               bool continuity_correction = true, double level = 95.0);

struct Peto {
  std::size_t k = 0;
  double beta = 0, se = 0, zval = 0, pval = 1, ci_lb = 0, ci_ub = 0;
  double QE = 0, QEp = 1, I2 = 0, H2 = 1;
};
Peto peto(const std::vector<Table2x2>& tables, double level = 95.0);

}  // namespace acuroi::meta
