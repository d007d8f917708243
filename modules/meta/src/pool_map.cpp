// Lean intercept-only pooling for maps; the formulas are those of rma_fit.cpp (a test checks that
// pool_summary equals fit_rma + predict on random data).
#include "acuroi/meta/pool_map.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cfloat>
#include <cmath>
#include <limits>

#include "distributions.hpp"
#include "tau2_estimators.hpp"

namespace acuroi::meta {
namespace {
PoolSummary failed() {
  const double na = std::numeric_limits<double>::quiet_NaN();
  PoolSummary s{na, na, na, na, na, na, na, na, na, na, na, na, na, 0, false};
  return s;
}
}  // namespace

PoolSummary pool_summary(const double* y, const double* v, std::size_t k, const RmaOptions& o,
                         PredictionDf pi_convention) {
  if (k == 0) return failed();
  for (std::size_t i = 0; i < k; ++i)
    if (!std::isfinite(y[i]) || !std::isfinite(v[i]) || !(v[i] > 0)) return failed();
  if (k < 2 && o.method != Tau2Method::FE && k != 1) return failed();
  thread_local std::vector<double> yc;
  yc.resize(k);
  double ybar = 0;
  for (std::size_t i = 0; i < k; ++i) ybar += y[i];
  ybar /= static_cast<double>(k);
  for (std::size_t i = 0; i < k; ++i) yc[i] = y[i] - ybar;
  const detail::InterceptDesign design{k};
  const FitControl& con = o.control;
  detail::Tau2Engine<detail::InterceptDesign> engine{design, yc.data(), v, k, 1, con,
                                                     con.tau2_max ? *con.tau2_max : std::nan(""), y};
  const bool one = (k == 1);
  const TestType test = one ? TestType::z : o.test;
  detail::Tau2Estimate est;
  if (!one) est = engine.estimate(o.method);
  if (!est.converged || std::isnan(est.tau2)) return failed();
  PoolSummary s;
  s.tau2 = est.tau2;
  s.iterations = est.iterations;
  double sw = 0, swy = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double w = 1.0 / (v[i] + s.tau2);
    sw += w;
    swy += w * y[i];
  }
  const double inv = 1.0 / sw;
  s.estimate = swy * inv;
  double rss = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double r = y[i] - s.estimate;
    rss += r * r / (v[i] + s.tau2);
  }
  const bool hk = test == TestType::knha || test == TestType::adhoc;
  double s2w = 1.0;
  if (hk) s2w = rss <= DBL_EPSILON ? 0.0 : rss / static_cast<double>(k - 1);
  if (test == TestType::adhoc && s2w < 1) s2w = 1.0;
  s.se = std::sqrt(s2w * inv);
  const double ddf = (hk || test == TestType::t) ? static_cast<double>(k) - 1.0 : std::nan("");
  s.stat = s.estimate / s.se;
  s.pval = detail::two_sided_p(s.stat, ddf);
  const double crit = detail::critical_value(o.level, ddf);
  s.ci_lb = s.estimate - crit * s.se;
  s.ci_ub = s.estimate + crit * s.se;
  double pi_crit = crit;
  if (pi_convention == PredictionDf::higgins_k_minus_2)
    pi_crit = k > 2 ? detail::critical_value(o.level, static_cast<double>(k) - 2.0) : std::nan("");
  const double pi_se = std::sqrt(s.se * s.se + s.tau2);
  s.pi_lb = s.estimate - pi_crit * pi_se;
  s.pi_ub = s.estimate + pi_crit * pi_se;
  if (k > 1) {
    double sw0 = 0, swy0 = 0, sw02 = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const double w = 1.0 / v[i];
      sw0 += w;
      swy0 += w * yc[i];
      sw02 += w * w;
    }
    const double b0 = swy0 / sw0;
    double q = 0;
    for (std::size_t i = 0; i < k; ++i) q += (yc[i] - b0) * (yc[i] - b0) / v[i];
    const double df = static_cast<double>(k - 1);
    s.QE = std::max(0.0, q);
    s.QEp = detail::chisq_upper(s.QE, df);
    const double vt = df / (sw0 - sw02 / sw0);
    if (o.method == Tau2Method::FE) {
      s.I2 = std::max(0.0, 100.0 * (s.QE - df) / s.QE);
      s.H2 = s.QE / df;
    } else {
      s.I2 = 100.0 * s.tau2 / (vt + s.tau2);
      s.H2 = s.tau2 / vt + 1.0;
    }
  }
  return s;
}

std::vector<PoolSummary> pool_many(const double* yi, const double* vi, std::size_t pools, std::size_t k,
                                   const RmaOptions& options, PredictionDf pi_convention) {
  std::vector<PoolSummary> out(pools);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pools, 512), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t p = r.begin(); p != r.end(); ++p)
      out[p] = pool_summary(yi + p * k, vi + p * k, k, options, pi_convention);
  });
  return out;
}

}  // namespace acuroi::meta
