// Small-study effects, as metafor: funnel data, Egger's regression test in two forms, Begg's rank
// correlation test (ranktest) and trim-and-fill (trimfill, estimators L0 and R0).
//
//   EggerTest e = egger_classic(yi, vi);            // lm(yi ~ sei, weights = 1/vi): t test on slope
//   EggerTest r = egger_rma(fit);                   // regtest(): rma(yi, vi, mods = sei), the fit's method/test
//   RankTest b = rank_test(fit);                    // Kendall's tau of standardised deviates vs vi
//   TrimFill t = trim_and_fill(fit);                // side chosen as metafor; t.filled_yi, t.adjusted
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

struct FunnelPoint {
  double yi, sei;
};
std::vector<FunnelPoint> funnel_data(const RmaFit& fit);

struct EggerTest {
  double stat = 0, pval = 1;
  double df = 0;  // t df for the lm form; NaN under a z test
  double limit_est = 0, limit_ci_lb = 0, limit_ci_ub = 0;  // intercept: the effect as sei -> 0
  std::string form;  // "lm (weighted, t test)" or "rma (sei as moderator)"
};
EggerTest egger_classic(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, double level = 95.0);
EggerTest egger_rma(const RmaFit& fit);

struct RankTest {
  double tau = 0;                 // Kendall's tau (tau-b with ties)
  double pval = 1;                // exact when k < 50 and no ties, otherwise normal (as cor.test)
  double pval_normal_approx = 1;  // normal approximation without continuity correction
  bool exact = false;
};
RankTest rank_test(const RmaFit& fit);

enum class TrimFillEstimator { L0, R0 };
enum class TrimFillSide { automatic, left, right };

struct TrimFill {
  std::size_t k0 = 0;
  double se_k0 = 0;
  double p_k0 = std::numeric_limits<double>::quiet_NaN();  // R0 only
  std::string side;                                       // "left" or "right": where studies are missing
  std::vector<double> filled_yi, filled_vi;
  RmaFit adjusted;  // model refitted on observed + filled studies (the input fit when k0 = 0)
};
TrimFill trim_and_fill(const RmaFit& fit, TrimFillEstimator estimator = TrimFillEstimator::L0,
                       TrimFillSide side = TrimFillSide::automatic, int maxiter = 100);

}  // namespace acuroi::meta
