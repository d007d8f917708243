// Effect sizes and sampling variances as metafor's escalc (names, defaults and formulas identical):
//   two arms (m1i sd1i n1i m2i sd2i n2i): MD, SMD (Hedges' g, exact J by default), SMDH, ROM
//   pre/post (m1i m2i sd1i sd2i ni ri):   MC, SMCC (change-score SD), SMCR (raw-score SD = sd1i)
//   2x2 counts (ai bi ci di):             OR, RR, RD, AS, PETO, with zero-cell corrections
//   generic (GEN):                        yi with vi, sei, a CI, or a two-sided p-value
//
//   std::vector<TwoArm> s = {{55, 47, 155, 75, 64, 156}};
//   auto es = escalc_two_arm(Measure::SMD, s);   // es[0].yi = -0.3552, es[0].vi = 0.01306
#pragma once
#include <string>
#include <vector>

namespace acuroi::meta {

enum class Measure { GEN, MD, SMD, SMDH, ROM, MC, SMCC, SMCR, OR, RR, RD, AS, PETO };
std::string to_string(Measure m);
Measure parse_measure(const std::string& name);  // throws core::ConfigError

enum class VarianceType { LS, UB, AV, HO };                  // metafor `vtype` (LS default)
enum class ZeroCellCorrection { none, only0, all, if0all };  // metafor `to` (only0 default)
enum class HedgesCorrection { exact, approximate };          // J = Gamma ratio, or 1 - 3/(4m - 1)

struct EscalcOptions {
  VarianceType vtype = VarianceType::LS;
  HedgesCorrection correction = HedgesCorrection::exact;
  ZeroCellCorrection to = ZeroCellCorrection::only0;
  double add = 0.5;      // metafor uses add = 0 for AS by default; see default_add()
  bool drop00 = false;   // drop tables with no events (or all events) in both arms
};
// metafor's default `add` for a measure (0 for AS, 1/2 otherwise).
double default_add(Measure m);

struct EffectSize {
  double yi = 0, vi = 0;
};

struct TwoArm { double m1i, sd1i, n1i, m2i, sd2i, n2i; };
struct PrePost { double m1i, m2i, sd1i, sd2i, ni, ri; };
struct Table2x2 { double ai, bi, ci, di; };  // group 1: ai events, bi non-events; group 2: ci, di

std::vector<EffectSize> escalc_two_arm(Measure m, const std::vector<TwoArm>& studies, const EscalcOptions& o = {});
std::vector<EffectSize> escalc_prepost(Measure m, const std::vector<PrePost>& studies, const EscalcOptions& o = {});
std::vector<EffectSize> escalc_2x2(Measure m, const std::vector<Table2x2>& studies, const EscalcOptions& o = {});

// Generic effects: a symmetric `level`% CI on the analysis scale gives sei = (ub - lb) / (2 z);
// a two-sided p-value gives sei = |yi| / z_{p/2}.
EffectSize generic_from_se(double yi, double sei);
EffectSize generic_from_ci(double yi, double ci_lb, double ci_ub, double level_percent = 95.0);
EffectSize generic_from_p(double yi, double p_two_sided);

// Hedges' small-sample correction for m degrees of freedom.
double hedges_j(double m, HedgesCorrection c = HedgesCorrection::exact);

// The pieces of Hedges' g for one two-arm study (for reports and cross-tool comparison).
struct SmdComponents {
  double pooled_sd, cohen_d, J_exact, J_approx, hedges_g_exactJ, hedges_g_approxJ;
  double var_g_revman;      // (n1+n2)/(n1 n2) + g^2 / (2 (n1 + n2 - 3.94)), g with approximate J
  double var_g_metafor_LS;  // 1/n1 + 1/n2 + g^2 / (2 (n1 + n2))
};
SmdComponents smd_components(const TwoArm& s);

}  // namespace acuroi::meta
