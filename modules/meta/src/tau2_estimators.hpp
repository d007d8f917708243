// Internal: the tau^2 estimators of metafor's rma.uni, written once against a Design (intercept-only
// or model matrix), so the O(k) intercept-only path and meta-regression share every formula.
// Iterative estimators (ML, REML, EB) use metafor's Fisher scoring (HE start, step halving at the
// lower bound, |change| <= threshold); PM uses R's uniroot steps. A bracketed root search on the
// same estimating equation takes over when Fisher scoring does not converge.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "acuroi/meta/rma.hpp"
#include "design.hpp"
#include "root_find.hpp"

namespace acuroi::meta::detail {

struct Tau2Estimate {
  double tau2 = 0;
  double se = std::numeric_limits<double>::quiet_NaN();
  int iterations = 0;
  bool converged = true;
  bool fallback = false;
};

constexpr double log_2pi = 1.8378770664093454836;

template <class D>
struct Tau2Engine {
  const D& d;
  const double* yc;  // mean-centred effects (metafor's Ymc)
  const double* v;
  std::size_t k, p;
  FitControl con;
  mutable double tau2_max_value;  // NaN: not computed yet (metafor's adaptive max(100, 10 mad(yi)^2))
  const double* y_raw = nullptr;

  // Upper bound for PM and the bracketed fallback, computed only when one of them needs it.
  double tau2_max() const {
    if (std::isnan(tau2_max_value)) {
      std::vector<double> a(y_raw, y_raw + k);
      auto median = [](std::vector<double>& x) {
        std::sort(x.begin(), x.end());
        const std::size_t n = x.size();
        return n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
      };
      const double med = median(a);
      for (double& x : a) x = std::abs(x - med);
      const double mad = 1.4826 * median(a);
      tau2_max_value = std::max(100.0, 10.0 * mad * mad);
    }
    return tau2_max_value;
  }

  // Weighted fit at weights w: coefficients, (X'WX)^-1, sum w r^2 and sum w^2 r^2.
  struct Weighted {
    typename D::Coef beta{};
    typename D::Cov inv{};
    double rss = 0, rss2 = 0;
  };
  template <class W>
  Weighted weighted(W w) const {
    Weighted f;
    d.wls(yc, w, f.beta, f.inv);
    for (std::size_t i = 0; i < k; ++i) {
      const double r = yc[i] - d.fitted(i, f.beta);
      const double wi = w(i);
      f.rss += wi * r * r;
      f.rss2 += wi * wi * r * r;
    }
    return f;
  }
  auto weights_at(double tau2) const {
    return [this, tau2](std::size_t i) { return 1.0 / (v[i] + tau2); };
  }
  static double one(std::size_t) { return 1.0; }
  auto vfun() const { return [this](std::size_t i) { return v[i]; }; }
  double df() const { return static_cast<double>(k - p); }

  // Generalised Q at tau2 (metafor's .QE.func).
  double q_at(double tau2) const { return weighted(weights_at(tau2)).rss; }

  double sum_w(double tau2, int power) const {
    double s = 0;
    for (std::size_t i = 0; i < k; ++i) s += std::pow(1.0 / (v[i] + tau2), power);
    return s;
  }

  // Score numerators of ML / REML / EB: zero at the estimate, positive below it.
  double score(Tau2Method m, double tau2) const {
    auto w = weights_at(tau2);
    const Weighted f = weighted(w);
    if (m == Tau2Method::ML) return f.rss2 - sum_w(tau2, 1);
    if (m == Tau2Method::REML) return f.rss2 - trace_pm(d, f.inv, w, one);
    return f.rss * static_cast<double>(k) / df() - static_cast<double>(k);  // EB
  }
  double fisher_step(Tau2Method m, double tau2) const {
    auto w = weights_at(tau2);
    const Weighted f = weighted(w);
    if (m == Tau2Method::ML) return (f.rss2 - sum_w(tau2, 1)) / sum_w(tau2, 2);
    if (m == Tau2Method::REML)
      return (f.rss2 - trace_pm(d, f.inv, w, one)) / trace_pmpn(d, f.inv, w, one, one);
    return (f.rss * static_cast<double>(k) / df() - static_cast<double>(k)) / sum_w(tau2, 1);
  }

  double log_lik(Tau2Method m, double tau2) const {
    auto w = weights_at(tau2);
    const Weighted f = weighted(w);
    double sum_log = 0;
    for (std::size_t i = 0; i < k; ++i) sum_log += std::log(v[i] + tau2);
    if (m == Tau2Method::ML) return -0.5 * k * log_2pi - 0.5 * sum_log - 0.5 * f.rss;
    return -0.5 * df() * log_2pi - 0.5 * sum_log + 0.5 * d.log_det_cov(f.inv) - 0.5 * f.rss;
  }

  // Bracketed search for a root of g (decreasing through zero) on [lo, hi], widening hi.
  template <class G>
  Tau2Estimate bracketed(G g, double tol) const {
    Tau2Estimate e;
    e.fallback = true;
    const double lo = con.tau2_min;
    const double g_lo = g(lo);
    if (!(g_lo > 0)) {
      e.tau2 = lo;
      return e;
    }
    double hi = std::max(tau2_max(), lo + 1.0);
    double g_hi = g(hi);
    for (int widen = 0; g_hi > 0 && widen < 200; ++widen) {
      hi *= 2.0;
      g_hi = g(hi);
    }
    if (g_hi > 0) {
      e.converged = false;
      e.tau2 = std::numeric_limits<double>::quiet_NaN();
      return e;
    }
    const RootResult r = brent_root(g, lo, hi, g_lo, g_hi, tol, 10000);
    e.tau2 = r.root;
    e.iterations = r.iterations;
    e.converged = r.converged;
    return e;
  }

  Tau2Estimate he() const {
    Tau2Estimate e;
    const Weighted f = weighted(one);
    const double tr_pv = trace_pm(d, f.inv, one, vfun());
    e.tau2 = (f.rss - tr_pv) / df();
    return e;
  }

  Tau2Estimate fisher_scoring(Tau2Method m) const {
    Tau2Estimate e;
    double tau2 = std::max({0.0, he().tau2, con.tau2_min});
    double change = con.threshold + 1;
    int iter = 0;
    bool conv = true;
    while (change > con.threshold) {
      ++iter;
      const double old = tau2;
      double adj = fisher_step(m, tau2) * con.stepadj;
      if (std::isnan(adj)) adj = 0;
      while (tau2 + adj < con.tau2_min) adj /= 2;
      tau2 += adj;
      change = std::abs(old - tau2);
      if (iter > con.maxiter) {
        conv = false;
        break;
      }
    }
    e.iterations = iter;
    if (!conv) {
      if (!con.bracketed_fallback) {
        e.converged = false;
        e.tau2 = std::numeric_limits<double>::quiet_NaN();
        return e;
      }
      Tau2Estimate b = bracketed([&](double t) { return score(m, t); }, con.threshold * 1e-3);
      b.iterations += iter;
      return b;
    }
    e.tau2 = tau2;
    if ((m == Tau2Method::ML || m == Tau2Method::REML) && con.ll0check) {
      const double ll0 = log_lik(m, 0.0);
      const double ll = log_lik(m, tau2);
      if (ll0 - ll > con.tol && tau2 > con.threshold) e.tau2 = 0;
    }
    return e;
  }

  Tau2Estimate paule_mandel() const {
    Tau2Estimate e;
    const double target = df();
    auto g = [&](double t) { return q_at(t) - target; };
    const double g_lo = g(con.tau2_min);
    if (g_lo < 0) {
      e.tau2 = con.tau2_min;
      return e;
    }
    const double g_hi = g(tau2_max());
    if (g_hi > 0) {
      if (!con.bracketed_fallback) {
        e.converged = false;
        e.tau2 = std::numeric_limits<double>::quiet_NaN();
        return e;
      }
      return bracketed(g, con.tol);
    }
    const RootResult r = brent_root(g, con.tau2_min, tau2_max(), g_lo, g_hi, con.tol, con.maxiter);
    e.tau2 = r.root;
    e.iterations = r.iterations;
    e.converged = r.converged;
    return e;
  }

  Tau2Estimate estimate(Tau2Method m) const {
    Tau2Estimate e;
    const double dfv = df();
    switch (m) {
      case Tau2Method::FE:
        return e;
      case Tau2Method::HS: {
        auto w = weights_at(0.0);
        const Weighted f = weighted(w);
        const double sw = sum_w(0.0, 1);
        e.tau2 = std::max(con.tau2_min, (f.rss - static_cast<double>(k)) / sw);
        const double t = std::max(e.tau2, 0.0);
        e.se = std::sqrt(1.0 / (sw * sw) * (2 * dfv + 4 * t * trace_pm(d, f.inv, w, one) +
                                            2 * t * t * trace_pmpn(d, f.inv, w, one, one)));
        return e;
      }
      case Tau2Method::HE: {
        const Weighted f = weighted(one);
        const double tr_pv = trace_pm(d, f.inv, one, vfun());
        e.tau2 = std::max(con.tau2_min, (f.rss - tr_pv) / dfv);
        const double t = std::max(e.tau2, 0.0);
        const double tr_pvpv = trace_pmpn(d, f.inv, one, vfun(), vfun());
        e.se = std::sqrt(1.0 / (dfv * dfv) * (2 * tr_pvpv + 4 * t * tr_pv + 2 * t * t * dfv));
        return e;
      }
      case Tau2Method::DL: {
        auto w = weights_at(0.0);
        const Weighted f = weighted(w);
        const double tr_p = trace_pm(d, f.inv, w, one);
        e.tau2 = std::max(con.tau2_min, (f.rss - dfv) / tr_p);
        const double t = std::max(e.tau2, 0.0);
        e.se = std::sqrt(1.0 / (tr_p * tr_p) *
                         (2 * dfv + 4 * t * tr_p + 2 * t * t * trace_pmpn(d, f.inv, w, one, one)));
        return e;
      }
      case Tau2Method::SJ: {
        double tau0 = 0;
        for (std::size_t i = 0; i < k; ++i) tau0 += yc[i] * yc[i];
        tau0 /= static_cast<double>(k);
        auto w = weights_at(tau0);
        const Weighted f = weighted(w);
        e.tau2 = std::max(con.tau2_min, tau0 * f.rss / dfv);
        const double t = std::max(e.tau2, 0.0);
        const double tr_pvpv = trace_pmpn(d, f.inv, w, vfun(), vfun());
        const double tr_pvp = trace_pmpn(d, f.inv, w, vfun(), one);
        const double tr_pp = trace_pmpn(d, f.inv, w, one, one);
        e.se = std::sqrt(tau0 * tau0 / (dfv * dfv) * (2 * tr_pvpv + 4 * t * tr_pvp + 2 * t * t * tr_pp));
        return e;
      }
      case Tau2Method::PM:
        e = paule_mandel();
        break;
      case Tau2Method::ML:
      case Tau2Method::REML:
      case Tau2Method::EB:
        e = fisher_scoring(m);
        break;
    }
    if (!e.converged || std::isnan(e.tau2)) return e;
    e.tau2 = std::max(con.tau2_min, e.tau2);
    auto w = weights_at(e.tau2);
    const double sw = sum_w(e.tau2, 1);
    const double kd = static_cast<double>(k);
    if (m == Tau2Method::ML) e.se = std::sqrt(2.0 / sum_w(e.tau2, 2));
    if (m == Tau2Method::REML) {
      const Weighted f = weighted(w);
      e.se = std::sqrt(2.0 / trace_pmpn(d, f.inv, w, one, one));
    }
    if (m == Tau2Method::EB || m == Tau2Method::PM) e.se = std::sqrt(2 * kd * kd / dfv / (sw * sw));
    return e;
  }
};

}  // namespace acuroi::meta::detail
