#include "acuroi/meta/small_study.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "acuroi/core/error.hpp"
#include "distributions.hpp"
#include "kendall.hpp"

namespace acuroi::meta {
namespace {
void require_intercept_only(const RmaFit& fit, const char* what) {
  if (!fit.int_only) throw core::InputError(what, "mods", "", "needs an intercept-only model");
  if (fit.k < 3) throw core::InputError(what, "k", std::to_string(fit.k), "needs at least 3 studies");
}
}  // namespace

std::vector<FunnelPoint> funnel_data(const RmaFit& fit) {
  std::vector<FunnelPoint> out;
  for (Eigen::Index i = 0; i < fit.yi.size(); ++i) out.push_back({fit.yi(i), std::sqrt(fit.vi(i))});
  return out;
}

EggerTest egger_classic(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, double level) {
  const Eigen::Index k = yi.size();
  if (k < 3) throw core::InputError("egger", "k", std::to_string(k), "needs at least 3 studies");
  Eigen::MatrixXd X(k, 2);
  X.col(0).setOnes();
  X.col(1) = vi.cwiseSqrt();
  const Eigen::VectorXd w = vi.cwiseInverse();
  const Eigen::MatrixXd inv = (X.transpose() * w.asDiagonal() * X).inverse();
  const Eigen::VectorXd b = inv * (X.transpose() * w.asDiagonal() * yi);
  const Eigen::VectorXd r = yi - X * b;
  const double df = static_cast<double>(k - 2);
  const double s2 = (w.array() * r.array().square()).sum() / df;
  EggerTest e;
  e.form = "lm (weighted, t test)";
  e.df = df;
  e.stat = b(1) / std::sqrt(s2 * inv(1, 1));
  e.pval = detail::two_sided_p(e.stat, df);
  const double se0 = std::sqrt(s2 * inv(0, 0));
  const double crit = detail::critical_value(level, df);
  e.limit_est = b(0);
  e.limit_ci_lb = b(0) - crit * se0;
  e.limit_ci_ub = b(0) + crit * se0;
  return e;
}

EggerTest egger_rma(const RmaFit& fit) {
  require_intercept_only(fit, "regtest");
  Moderators m;
  m.values = fit.vi.cwiseSqrt();
  m.names = {"sei"};
  const RmaFit r = fit_rma(fit.yi, fit.vi, m, fit.options);
  EggerTest e;
  e.form = "rma (sei as moderator)";
  e.stat = r.stat(1);
  e.pval = r.pval(1);
  e.df = r.ddf;
  e.limit_est = r.beta(0);
  e.limit_ci_lb = r.ci_lb(0);
  e.limit_ci_ub = r.ci_ub(0);
  return e;
}

RankTest rank_test(const RmaFit& fit) {
  require_intercept_only(fit, "ranktest");
  RmaOptions fe = fit.options;
  fe.method = Tau2Method::FE;
  fe.test = TestType::z;
  const RmaFit f = fit_rma(fit.yi, fit.vi, fe);
  const double beta = f.beta(0), vb = f.vb(0, 0);
  std::vector<double> ys, v;
  for (Eigen::Index i = 0; i < fit.yi.size(); ++i) {
    ys.push_back((fit.yi(i) - beta) / std::sqrt(fit.vi(i) - vb));
    v.push_back(fit.vi(i));
  }
  const detail::KendallResult k = detail::kendall_test(ys, v);
  RankTest r;
  r.tau = k.tau;
  r.exact = !k.has_ties && fit.k < 50;
  r.pval = r.exact ? k.p_exact : k.p_normal;
  r.pval_normal_approx = k.p_normal;
  return r;
}

TrimFill trim_and_fill(const RmaFit& fit, TrimFillEstimator estimator, TrimFillSide side_arg, int maxiter) {
  require_intercept_only(fit, "trimfill");
  TrimFill out;
  bool right;
  if (side_arg == TrimFillSide::automatic) {
    Moderators m;
    m.values = fit.vi.cwiseSqrt();
    m.names = {"sei"};
    RmaOptions o = fit.options;
    o.test = TestType::z;
    const RmaFit r = fit_rma(fit.yi, fit.vi, m, o);
    right = r.beta(1) < 0;
  } else {
    right = side_arg == TrimFillSide::right;
  }
  out.side = right ? "right" : "left";
  const std::size_t k = fit.k;
  std::vector<double> y(k), v(k);
  for (std::size_t i = 0; i < k; ++i) {
    y[i] = (right ? -1.0 : 1.0) * fit.yi(static_cast<Eigen::Index>(i));
    v[i] = fit.vi(static_cast<Eigen::Index>(i));
  }
  std::vector<std::size_t> ix(k);
  std::iota(ix.begin(), ix.end(), 0);
  std::stable_sort(ix.begin(), ix.end(), [&](std::size_t a, std::size_t b) { return y[a] < y[b]; });
  std::vector<double> ys(k), vs(k);
  for (std::size_t i = 0; i < k; ++i) { ys[i] = y[ix[i]]; vs[i] = v[ix[i]]; }

  const double kd = static_cast<double>(k);
  long k0 = 0, k0_prev = -1;
  double beta = 0, se_k0 = 0;
  std::vector<double> centred(k);
  for (int iter = 1; k0 != k0_prev; ++iter) {
    if (iter > maxiter) throw core::InputError("trimfill", "maxiter", std::to_string(maxiter), "trim-and-fill did not converge");
    k0_prev = k0;
    const Eigen::Index kt = static_cast<Eigen::Index>(k - static_cast<std::size_t>(k0));
    const Eigen::VectorXd yt = Eigen::Map<const Eigen::VectorXd>(ys.data(), kt);
    const Eigen::VectorXd vt = Eigen::Map<const Eigen::VectorXd>(vs.data(), kt);
    beta = fit_rma(yt, vt, fit.options).beta(0);
    std::vector<std::size_t> order(k);
    for (std::size_t i = 0; i < k; ++i) centred[i] = ys[i] - beta;
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return std::abs(centred[a]) < std::abs(centred[b]); });
    std::vector<double> signed_rank(k);
    for (std::size_t r = 0; r < k; ++r) {
      const std::size_t i = order[r];
      const double sgn = (centred[i] > 0) - (centred[i] < 0);
      signed_rank[i] = sgn * static_cast<double>(r + 1);
    }
    double k0_raw;
    if (estimator == TrimFillEstimator::R0) {
      double max_neg = 0;
      for (double s : signed_rank) if (s < 0) max_neg = std::max(max_neg, -s);
      k0_raw = (kd - max_neg) - 1;
      se_k0 = std::sqrt(2 * std::max(0.0, k0_raw) + 2);
    } else {
      double sr = 0;
      for (double s : signed_rank) if (s > 0) sr += s;
      k0_raw = (4 * sr - kd * (kd + 1)) / (2 * kd - 1);
      const double var_sr = 1.0 / 24 * (kd * (kd + 1) * (2 * kd + 1) + 10 * std::pow(k0_raw, 3) + 27 * k0_raw * k0_raw +
                                        17 * k0_raw - 18 * kd * k0_raw * k0_raw - 18 * kd * k0_raw + 6 * kd * kd * k0_raw);
      se_k0 = 4 * std::sqrt(var_sr) / (2 * kd - 1);
    }
    k0 = std::max(0L, static_cast<long>(std::nearbyint(k0_raw)));  // R's round(): half to even
    se_k0 = std::max(0.0, se_k0);
  }
  out.k0 = static_cast<std::size_t>(k0);
  out.se_k0 = se_k0;
  if (estimator == TrimFillEstimator::R0) out.p_k0 = std::pow(0.5, static_cast<double>(k0) + 1);
  if (k0 == 0) {
    out.adjusted = fit;
    return out;
  }
  Eigen::VectorXd yf(static_cast<Eigen::Index>(k + out.k0)), vf(static_cast<Eigen::Index>(k + out.k0));
  yf.head(static_cast<Eigen::Index>(k)) = fit.yi;
  vf.head(static_cast<Eigen::Index>(k)) = fit.vi;
  for (std::size_t j = 0; j < out.k0; ++j) {
    const std::size_t src = k - out.k0 + j;
    // mirror image around the truncated estimate (ys and beta are on the flipped scale when right)
    const double filled = right ? (ys[src] - 2 * beta) : -(ys[src] - 2 * beta);
    out.filled_yi.push_back(filled);
    out.filled_vi.push_back(vs[src]);
    yf(static_cast<Eigen::Index>(k + j)) = filled;
    vf(static_cast<Eigen::Index>(k + j)) = vs[src];
  }
  RmaOptions o = fit.options;
  o.control = FitControl{};  // metafor refits the filled data with default control
  out.adjusted = fit_rma(yf, vf, o);
  return out;
}

}  // namespace acuroi::meta
