#include "acuroi/meta/report.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace acuroi::meta {

MetaReport analyse_studies(const StudyRecords& s, const RmaOptions& options) {
  MetaReport r;
  r.studies = s;
  r.fit = fit_rma(s.yi, s.vi, s.moderators, options);
  if (r.fit.int_only) {
    r.pi_metafor = predict(r.fit, PredictionDf::metafor);
    r.pi_higgins = predict(r.fit, PredictionDf::higgins_k_minus_2);
    r.summary = summarise("", to_string(s.measure), r.fit, s.total_sample_size());
    if (r.fit.k >= 3) {
      r.egger_classic = egger_classic(s.yi, s.vi, options.level);
      r.egger_rma = egger_rma(r.fit);
      r.begg = rank_test(r.fit);
    }
  }
  if (r.fit.method != Tau2Method::FE && r.fit.k >= 2) r.tau2_ci = confint_tau2(r.fit);
  if (!s.subgroups.empty()) r.subgroups = subgroup_analysis(s.yi, s.vi, s.subgroups, options);
  return r;
}

namespace {
std::string num(double x, int digits = 4) {
  if (std::isnan(x)) return "NA";
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << x;
  return o.str();
}
std::string pval(double p) {
  if (std::isnan(p)) return "NA";
  if (p < 1e-4) return "<.0001";
  return num(p, 4);
}
}  // namespace

std::string report_text(const MetaReport& r) {
  const RmaFit& f = r.fit;
  const bool t = !std::isnan(f.ddf);
  std::ostringstream o;
  o << (f.int_only ? "Random-effects model" : "Mixed-effects model") << " (k = " << f.k << "; tau^2 estimator: "
    << to_string(f.method) << "; test: " << to_string(f.test) << "; measure: " << to_string(r.studies.measure) << ")\n\n";
  o << "tau^2 = " << num(f.tau2) << " (SE = " << num(f.se_tau2) << ")";
  if (r.tau2_ci) o << ", 95% Q-profile CI [" << num(r.tau2_ci->tau2.ci_lb) << ", " << num(r.tau2_ci->tau2.ci_ub) << "]";
  o << "\ntau   = " << num(std::sqrt(f.tau2)) << "\n";
  o << "I^2 (metafor, " << (f.method == Tau2Method::FE ? "(Q-df)/Q" : "tau^2-based") << ") = " << num(f.I2, 2) << "%";
  o << "   I^2 ((Q-df)/Q) = " << num(f.I2_Q_based, 2) << "%   H^2 = " << num(f.H2) << "\n";
  o << "Q(df = " << f.df_QE << ") = " << num(f.QE) << ", p = " << pval(f.QEp) << "\n\n";
  if (!f.int_only)
    o << "Test of moderators: " << (t ? "F" : "QM") << " = " << num(f.QM) << ", p = " << pval(f.QMp)
      << (std::isnan(f.R2) ? "" : ", R^2 = " + num(f.R2, 2) + "%") << "\n\n";
  o << std::left << std::setw(14) << "coefficient" << std::right << std::setw(11) << "estimate" << std::setw(10) << "se"
    << std::setw(10) << (t ? "tval" : "zval") << std::setw(10) << "pval" << std::setw(11) << "ci.lb" << std::setw(11) << "ci.ub" << "\n";
  for (std::size_t j = 0; j < f.p; ++j) {
    const Eigen::Index jj = static_cast<Eigen::Index>(j);
    o << std::left << std::setw(14) << f.coef_names[j] << std::right << std::setw(11) << num(f.beta(jj)) << std::setw(10)
      << num(f.se(jj)) << std::setw(10) << num(f.stat(jj)) << std::setw(10) << pval(f.pval(jj)) << std::setw(11)
      << num(f.ci_lb(jj)) << std::setw(11) << num(f.ci_ub(jj)) << "\n";
  }
  if (r.pi_metafor) {
    o << "\nPrediction interval (metafor: " << (t ? "t(k-p)" : "z") << "): [" << num(r.pi_metafor->pi_lb) << ", "
      << num(r.pi_metafor->pi_ub) << "]\n";
    o << "Prediction interval (Higgins/Stata: t(k-2)): [" << num(r.pi_higgins->pi_lb) << ", " << num(r.pi_higgins->pi_ub) << "]\n";
  }
  if (r.egger_classic)
    o << "\nEgger's test (weighted lm): t = " << num(r.egger_classic->stat) << ", p = " << pval(r.egger_classic->pval)
      << "; (rma, sei as moderator): " << (t ? "t" : "z") << " = " << num(r.egger_rma->stat) << ", p = " << pval(r.egger_rma->pval) << "\n";
  if (r.begg) o << "Begg's rank test: Kendall's tau = " << num(r.begg->tau) << ", p = " << pval(r.begg->pval) << "\n";
  if (r.subgroups) {
    o << "\nSubgroups:\n";
    for (std::size_t g = 0; g < r.subgroups->levels.size(); ++g) {
      const RmaFit& s = r.subgroups->per_level[g];
      o << "  " << r.subgroups->levels[g] << ": k = " << s.k << ", estimate = " << num(s.beta(0)) << " [" << num(s.ci_lb(0))
        << ", " << num(s.ci_ub(0)) << "], tau^2 = " << num(s.tau2) << "\n";
    }
    o << "  Test for subgroup differences (separate tau^2): Q(df = " << r.subgroups->Q_between_df << ") = "
      << num(r.subgroups->Q_between) << ", p = " << pval(r.subgroups->Q_between_p) << "\n";
    o << "  Test for subgroup differences (common tau^2, moderator model): QM = " << num(r.subgroups->common_tau2.QM)
      << ", p = " << pval(r.subgroups->common_tau2.QMp) << "\n";
  }
  if (r.summary) {
    o << "\nFlags: imprecision " << (r.summary->imprecision() ? "yes" : "no") << " (CI includes 0: "
      << (r.summary->ci_includes_zero ? "yes" : "no") << ", wide CI: " << (r.summary->ci_wide ? "yes" : "no")
      << "); inconsistency " << (r.summary->inconsistency() ? "yes" : "no") << " (I^2 > 50%: "
      << (r.summary->I2_over_50 ? "yes" : "no") << ", PI includes 0: " << (r.summary->pi_includes_zero ? "yes" : "no") << ")\n";
  }
  return o.str();
}

}  // namespace acuroi::meta
