#include "acuroi/meta/binary_pooling.hpp"

#include <algorithm>
#include <cmath>

#include "acuroi/core/error.hpp"
#include "distributions.hpp"

namespace acuroi::meta {
namespace {
struct Heterogeneity {
  double QE = 0, QEp = 1, I2 = 0, H2 = 1;
};
Heterogeneity heterogeneity(Measure m, const std::vector<Table2x2>& t, double beta) {
  const std::vector<EffectSize> es = escalc_2x2(m, t);  // add 1/2 to tables with a zero cell
  Heterogeneity h;
  const double k = static_cast<double>(es.size());
  if (es.size() <= 1) return h;
  double q = 0;
  for (const EffectSize& e : es) q += (e.yi - beta) * (e.yi - beta) / e.vi;
  h.QE = std::max(0.0, q);
  h.QEp = detail::chisq_upper(h.QE, k - 1);
  h.I2 = std::max(0.0, 100 * (h.QE - (k - 1)) / h.QE);
  h.H2 = h.QE / (k - 1);
  return h;
}
template <class R>
void finish(R& r, double level) {
  r.zval = r.beta / r.se;
  r.pval = detail::two_sided_p(r.zval, std::nan(""));
  const double crit = detail::critical_value(level, std::nan(""));
  r.ci_lb = r.beta - crit * r.se;
  r.ci_ub = r.beta + crit * r.se;
}
void breslow_day(MantelHaenszel& r, const std::vector<Table2x2>& t) {
  const double psi = std::exp(r.beta);
  double bd = 0, sum_diff = 0, sum_var = 0;
  int k_pos = 0;
  for (const Table2x2& s : t) {
    const double n1 = s.ai + s.bi, n2 = s.ci + s.di, xt = s.ai + s.ci, yt = s.bi + s.di, n = n1 + n2;
    double n11;
    if (psi == 1) {
      n11 = n1 / n * xt;
    } else {
      const double a = psi * (n1 + xt) + (n2 - xt);
      const double b = std::sqrt(a * a - 4 * n1 * xt * psi * (psi - 1));
      n11 = (a - b) / (2 * (psi - 1));
    }
    if (!(n11 > 0 && xt > 0 && yt > 0)) continue;
    ++k_pos;
    const double n12 = n1 - n11, n21 = xt - n11, n22 = n11 - n1 - xt + n;
    const double var = 1.0 / (1 / n11 + 1 / n12 + 1 / n21 + 1 / n22);
    bd += (s.ai - n11) * (s.ai - n11) / var;
    sum_diff += s.ai - n11;
    sum_var += var;
  }
  r.BD = std::max(0.0, bd);
  r.TA = std::max(0.0, r.BD - sum_diff * sum_diff / sum_var);
  if (k_pos > 1) {
    r.BDp = detail::chisq_upper(r.BD, k_pos - 1);
    r.TAp = detail::chisq_upper(r.TA, k_pos - 1);
  }
}
}  // namespace

MantelHaenszel mantel_haenszel(Measure m, const std::vector<Table2x2>& t, bool correct, double level) {
  if (t.empty()) throw core::InputError("rma.mh", "k", "0", "no tables to pool");
  MantelHaenszel r;
  r.k = t.size();
  if (m == Measure::OR) {
    double R = 0, S = 0, pr = 0, psqr = 0, qs = 0;
    for (const Table2x2& s : t) {
      const double n = s.ai + s.bi + s.ci + s.di;
      const double P = s.ai / n + s.di / n, Q = s.bi / n + s.ci / n;
      const double Ri = s.ai / n * s.di, Si = s.bi / n * s.ci;
      R += Ri; S += Si;
      pr += P * Ri; psqr += P * Si + Q * Ri; qs += Q * Si;
    }
    r.beta = std::log(R / S);
    r.se = std::sqrt(0.5 * (pr / (R * R) + psqr / (R * S) + qs / (S * S)));
    double diff = 0, v_co = 0, v_mh = 0;
    for (const Table2x2& s : t) {
      const double n1 = s.ai + s.bi, n2 = s.ci + s.di, n = n1 + n2, xt = s.ai + s.ci, yt = s.bi + s.di;
      diff += s.ai - (n1 / n) * xt;
      v_co += (n1 / n) * (n2 / n) * (xt * (yt / n));
      v_mh += (n1 / n) * (n2 / n) * (xt * (yt / (n - 1)));
    }
    const double num = std::pow(std::abs(diff) - (correct ? 0.5 : 0.0), 2);
    r.CO = num / v_co;
    r.COp = detail::chisq_upper(r.CO, 1);
    r.MH = num / v_mh;
    r.MHp = detail::chisq_upper(r.MH, 1);
  } else if (m == Measure::RR) {
    double R = 0, S = 0, v = 0;
    for (const Table2x2& s : t) {
      const double n1 = s.ai + s.bi, n2 = s.ci + s.di, n = n1 + n2;
      R += s.ai * (n2 / n);
      S += s.ci * (n1 / n);
      v += (n1 / n) * (n2 / n) * (s.ai + s.ci) - (s.ai / n) * s.ci;
    }
    r.beta = std::log(R / S);
    r.se = std::sqrt(v / (R * S));
  } else if (m == Measure::RD) {
    double num = 0, den = 0, a = 0, b = 0;
    for (const Table2x2& s : t) {
      const double n1 = s.ai + s.bi, n2 = s.ci + s.di, n = n1 + n2;
      num += s.ai * (n2 / n) - s.ci * (n1 / n);
      den += n1 * (n2 / n);
    }
    r.beta = num / den;
    for (const Table2x2& s : t) {
      const double n1 = s.ai + s.bi, n2 = s.ci + s.di, n = n1 + n2;
      a += s.ci * (n1 / n) * (n1 / n) - s.ai * (n2 / n) * (n2 / n) + (n1 / n) * (n2 / n) * (n2 - n1) / 2;
      b += s.ai * (n2 - s.ci) / n + s.ci * (n1 - s.ai) / n;
    }
    r.se = std::sqrt((r.beta * a + b / 2) / (den * den));
  } else {
    throw core::ConfigError("", 0, 0, "measure", to_string(m), "Mantel-Haenszel pooling supports OR, RR and RD");
  }
  finish(r, level);
  const Heterogeneity h = heterogeneity(m, t, r.beta);
  r.QE = h.QE; r.QEp = h.QEp; r.I2 = h.I2; r.H2 = h.H2;
  if (m == Measure::OR) breslow_day(r, t);
  return r;
}

Peto peto(const std::vector<Table2x2>& t, double level) {
  if (t.empty()) throw core::InputError("rma.peto", "k", "0", "no tables to pool");
  Peto r;
  r.k = t.size();
  double sum_oe = 0, sum_v = 0;
  for (const Table2x2& s : t) {
    const double n1 = s.ai + s.bi, n2 = s.ci + s.di, n = n1 + n2, xt = s.ai + s.ci, yt = s.bi + s.di;
    sum_oe += s.ai - xt * n1 / n;
    sum_v += xt * yt * (n1 / n) * (n2 / n) / (n - 1);
  }
  r.beta = sum_oe / sum_v;
  r.se = std::sqrt(1 / sum_v);
  finish(r, level);
  const Heterogeneity h = heterogeneity(Measure::PETO, t, r.beta);
  r.QE = h.QE; r.QEp = h.QEp; r.I2 = h.I2; r.H2 = h.H2;
  return r;
}

}  // namespace acuroi::meta
