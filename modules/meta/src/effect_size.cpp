#include "acuroi/meta/effect_size.hpp"

#include <cmath>

#include "acuroi/core/error.hpp"
#include "distributions.hpp"

namespace acuroi::meta {
namespace {
[[noreturn]] void bad_vtype(Measure m, const char* allowed) {
  throw core::ConfigError("", 0, 0, "vtype", "", "for measure " + to_string(m) + ", 'vtype' must be one of " + allowed);
}
}  // namespace

std::string to_string(Measure m) {
  switch (m) {
    case Measure::GEN: return "GEN";
    case Measure::MD: return "MD";
    case Measure::SMD: return "SMD";
    case Measure::SMDH: return "SMDH";
    case Measure::ROM: return "ROM";
    case Measure::MC: return "MC";
    case Measure::SMCC: return "SMCC";
    case Measure::SMCR: return "SMCR";
    case Measure::OR: return "OR";
    case Measure::RR: return "RR";
    case Measure::RD: return "RD";
    case Measure::AS: return "AS";
    case Measure::PETO: return "PETO";
  }
  return "?";
}

Measure parse_measure(const std::string& name) {
  for (Measure m : {Measure::GEN, Measure::MD, Measure::SMD, Measure::SMDH, Measure::ROM, Measure::MC,
                    Measure::SMCC, Measure::SMCR, Measure::OR, Measure::RR, Measure::RD, Measure::AS,
                    Measure::PETO})
    if (to_string(m) == name) return m;
  throw core::ConfigError("", 0, 0, "measure", name,
                          "'measure' must be one of {GEN, MD, SMD, SMDH, ROM, MC, SMCC, SMCR, OR, RR, RD, AS, PETO}");
}

double default_add(Measure m) { return m == Measure::AS ? 0.0 : 0.5; }

double hedges_j(double m, HedgesCorrection c) {
  if (!(m > 1)) return std::nan("");
  if (c == HedgesCorrection::approximate) return 1.0 - 3.0 / (4.0 * m - 1.0);
  return std::exp(std::lgamma(m / 2.0) - 0.5 * std::log(m / 2.0) - std::lgamma((m - 1.0) / 2.0));
}

std::vector<EffectSize> escalc_two_arm(Measure m, const std::vector<TwoArm>& studies, const EscalcOptions& o) {
  std::vector<EffectSize> out;
  out.reserve(studies.size());
  // SMD with vtype AV uses the sample-size weighted mean of the g values.
  double mean_g = 0;
  if (m == Measure::SMD && o.vtype == VarianceType::AV) {
    double sn = 0, sng = 0;
    for (const TwoArm& s : studies) {
      const double mi = s.n1i + s.n2i - 2;
      const double sdp = std::sqrt(((s.n1i - 1) * s.sd1i * s.sd1i + (s.n2i - 1) * s.sd2i * s.sd2i) / mi);
      sng += (s.n1i + s.n2i) * hedges_j(mi, o.correction) * (s.m1i - s.m2i) / sdp;
      sn += s.n1i + s.n2i;
    }
    mean_g = sng / sn;
  }
  for (const TwoArm& s : studies) {
    const double ni = s.n1i + s.n2i, mi = ni - 2;
    const double sdp = std::sqrt(((s.n1i - 1) * s.sd1i * s.sd1i + (s.n2i - 1) * s.sd2i * s.sd2i) / mi);
    EffectSize e;
    switch (m) {
      case Measure::MD:
        e.yi = s.m1i - s.m2i;
        if (o.vtype == VarianceType::HO) e.vi = sdp * sdp * (1 / s.n1i + 1 / s.n2i);
        else if (o.vtype == VarianceType::LS || o.vtype == VarianceType::UB) e.vi = s.sd1i * s.sd1i / s.n1i + s.sd2i * s.sd2i / s.n2i;
        else bad_vtype(m, "{LS, UB, HO}");
        break;
      case Measure::SMD: {
        const double cm = hedges_j(mi, o.correction);
        e.yi = cm * (s.m1i - s.m2i) / sdp;
        const double base = 1 / s.n1i + 1 / s.n2i;
        if (o.vtype == VarianceType::LS) e.vi = base + e.yi * e.yi / (2 * ni);
        else if (o.vtype == VarianceType::UB) e.vi = base + (1 - (mi - 2) / (mi * cm * cm)) * e.yi * e.yi;
        else if (o.vtype == VarianceType::AV) e.vi = base + mean_g * mean_g / (2 * ni);
        else bad_vtype(m, "{LS, UB, AV}");
        break;
      }
      case Measure::SMDH: {
        const double cm = hedges_j(mi, o.correction);
        const double v1 = s.sd1i * s.sd1i, v2 = s.sd2i * s.sd2i;
        const double si = std::sqrt((v1 + v2) / 2);
        e.yi = cm * (s.m1i - s.m2i) / si;
        e.vi = e.yi * e.yi * (v1 * v1 / (s.n1i - 1) + v2 * v2 / (s.n2i - 1)) / (2 * (v1 + v2) * (v1 + v2)) +
               (v1 / (s.n1i - 1) + v2 / (s.n2i - 1)) / ((v1 + v2) / 2);
        e.vi *= cm * cm;
        break;
      }
      case Measure::ROM:
        e.yi = std::log(s.m1i / s.m2i);
        if (o.vtype == VarianceType::HO)
          e.vi = sdp * sdp / (s.n1i * s.m1i * s.m1i) + sdp * sdp / (s.n2i * s.m2i * s.m2i);
        else if (o.vtype == VarianceType::LS)
          e.vi = s.sd1i * s.sd1i / (s.n1i * s.m1i * s.m1i) + s.sd2i * s.sd2i / (s.n2i * s.m2i * s.m2i);
        else bad_vtype(m, "{LS, HO}");
        break;
      default:
        throw core::ConfigError("", 0, 0, "measure", to_string(m), "not a two-arm (mean/SD/n) measure");
    }
    out.push_back(e);
  }
  return out;
}

std::vector<EffectSize> escalc_prepost(Measure m, const std::vector<PrePost>& studies, const EscalcOptions& o) {
  std::vector<EffectSize> out;
  for (const PrePost& s : studies) {
    EffectSize e;
    const double diff = s.m1i - s.m2i;
    const double vd = s.sd1i * s.sd1i + s.sd2i * s.sd2i - 2 * s.ri * s.sd1i * s.sd2i;
    const double cm = hedges_j(s.ni - 1, o.correction);
    if (o.vtype != VarianceType::LS && o.vtype != VarianceType::UB) bad_vtype(m, "{LS, UB}");
    switch (m) {
      case Measure::MC:
        e.yi = diff;
        e.vi = vd / s.ni;
        break;
      case Measure::SMCC:
        e.yi = cm * diff / std::sqrt(vd);
        e.vi = o.vtype == VarianceType::LS ? 1 / s.ni + e.yi * e.yi / (2 * s.ni)
                                           : 1 / s.ni + (1 - (s.ni - 3) / ((s.ni - 1) * cm * cm)) * e.yi * e.yi;
        break;
      case Measure::SMCR:
        e.yi = cm * diff / s.sd1i;
        e.vi = o.vtype == VarianceType::LS
                   ? 2 * (1 - s.ri) / s.ni + e.yi * e.yi / (2 * s.ni)
                   : 2 * (1 - s.ri) / s.ni + (1 - (s.ni - 3) / ((s.ni - 1) * cm * cm)) * e.yi * e.yi;
        break;
      default:
        throw core::ConfigError("", 0, 0, "measure", to_string(m), "not a pre/post (dependent means) measure");
    }
    out.push_back(e);
  }
  return out;
}

std::vector<EffectSize> escalc_2x2(Measure m, const std::vector<Table2x2>& studies, const EscalcOptions& o) {
  std::vector<Table2x2> t = studies;
  bool any_zero = false;
  for (const Table2x2& s : t) any_zero = any_zero || s.ai == 0 || s.bi == 0 || s.ci == 0 || s.di == 0;
  std::vector<EffectSize> out;
  for (Table2x2& s : t) {
    const bool zero = s.ai == 0 || s.bi == 0 || s.ci == 0 || s.di == 0;
    if (o.drop00 && ((s.ai == 0 && s.ci == 0) || (s.bi == 0 && s.di == 0))) {
      out.push_back({std::nan(""), std::nan("")});
      continue;
    }
    const bool add = o.to == ZeroCellCorrection::all || (o.to == ZeroCellCorrection::only0 && zero) ||
                     (o.to == ZeroCellCorrection::if0all && any_zero);
    if (add) { s.ai += o.add; s.bi += o.add; s.ci += o.add; s.di += o.add; }
    const double n1 = s.ai + s.bi, n2 = s.ci + s.di, n = n1 + n2;
    const double p1 = s.ai / n1, p2 = s.ci / n2;
    EffectSize e;
    switch (m) {
      case Measure::RR:
        e.yi = std::log(p1) - std::log(p2);
        e.vi = 1 / s.ai - 1 / n1 + 1 / s.ci - 1 / n2;
        break;
      case Measure::OR:
        e.yi = std::log(p1 / (1 - p1)) - std::log(p2 / (1 - p2));
        e.vi = 1 / s.ai + 1 / s.bi + 1 / s.ci + 1 / s.di;
        break;
      case Measure::RD:
        e.yi = p1 - p2;
        if (o.vtype == VarianceType::LS) e.vi = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
        else if (o.vtype == VarianceType::UB) e.vi = p1 * (1 - p1) / (n1 - 1) + p2 * (1 - p2) / (n2 - 1);
        else bad_vtype(m, "{LS, UB}");
        break;
      case Measure::AS:
        e.yi = std::asin(std::sqrt(p1)) - std::asin(std::sqrt(p2));
        e.vi = 1 / (4 * n1) + 1 / (4 * n2);
        break;
      case Measure::PETO: {
        const double xt = s.ai + s.ci, yt = s.bi + s.di;
        const double ei = xt * n1 / n;
        const double vi = xt * yt * (n1 / n) * (n2 / n) / (n - 1);
        e.yi = (s.ai - ei) / vi;
        e.vi = 1 / vi;
        break;
      }
      default:
        throw core::ConfigError("", 0, 0, "measure", to_string(m), "not a 2x2-table measure");
    }
    out.push_back(e);
  }
  return out;
}

EffectSize generic_from_se(double yi, double sei) { return {yi, sei * sei}; }

EffectSize generic_from_ci(double yi, double lb, double ub, double level) {
  const double z = detail::critical_value(level, std::nan(""));
  const double se = (ub - lb) / (2 * z);
  return {yi, se * se};
}

EffectSize generic_from_p(double yi, double p) {
  const double z = detail::normal_quantile_upper(p / 2);
  const double se = std::abs(yi) / z;
  return {yi, se * se};
}

SmdComponents smd_components(const TwoArm& s) {
  SmdComponents c{};
  const double mi = s.n1i + s.n2i - 2;
  c.pooled_sd = std::sqrt(((s.n1i - 1) * s.sd1i * s.sd1i + (s.n2i - 1) * s.sd2i * s.sd2i) / mi);
  c.cohen_d = (s.m1i - s.m2i) / c.pooled_sd;
  c.J_exact = hedges_j(mi, HedgesCorrection::exact);
  c.J_approx = hedges_j(mi, HedgesCorrection::approximate);
  c.hedges_g_exactJ = c.J_exact * c.cohen_d;
  c.hedges_g_approxJ = c.J_approx * c.cohen_d;
  const double ga = c.hedges_g_approxJ;  // RevMan uses the approximate J
  c.var_g_revman = (s.n1i + s.n2i) / (s.n1i * s.n2i) + ga * ga / (2 * (s.n1i + s.n2i - 3.94));
  const double g = c.hedges_g_exactJ;
  c.var_g_metafor_LS = 1 / s.n1i + 1 / s.n2i + g * g / (2 * (s.n1i + s.n2i));
  return c;
}

}  // namespace acuroi::meta
