#include <cmath>
#include <nlohmann/json.hpp>

#include "acuroi/meta/report.hpp"

namespace acuroi::meta {
namespace {
using nlohmann::json;
json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
json numbers(const Eigen::VectorXd& v) {
  json a = json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(number(v(i)));
  return a;
}
}  // namespace

std::string report_json(const MetaReport& r) {
  const RmaFit& f = r.fit;
  const bool t = !std::isnan(f.ddf);
  json j;
  j["k"] = f.k;
  j["method"] = to_string(f.method);
  j["test"] = to_string(f.test);
  j["measure"] = to_string(r.studies.measure);
  j["level"] = f.level;
  if (f.int_only) {
    j["estimate"] = number(f.beta(0));
    j["se"] = number(f.se(0));
    j[t ? "tval" : "zval"] = number(f.stat(0));
    j["pval"] = number(f.pval(0));
    j["ci_lb"] = number(f.ci_lb(0));
    j["ci_ub"] = number(f.ci_ub(0));
  } else {
    json coefs = json::object();
    for (std::size_t c = 0; c < f.p; ++c) {
      const Eigen::Index cc = static_cast<Eigen::Index>(c);
      coefs[f.coef_names[c]] = {{"estimate", number(f.beta(cc))}, {"se", number(f.se(cc))},
                                {t ? "tval" : "zval", number(f.stat(cc))}, {"pval", number(f.pval(cc))},
                                {"ci_lb", number(f.ci_lb(cc))}, {"ci_ub", number(f.ci_ub(cc))}};
    }
    j["coefficients"] = coefs;
    j["QM"] = number(f.QM);
    j["QMp"] = number(f.QMp);
    j["R2"] = number(f.R2);
  }
  if (t) j["ddf"] = number(f.ddf);
  if (r.pi_metafor) {
    j["pi_lb"] = number(r.pi_metafor->pi_lb);
    j["pi_ub"] = number(r.pi_metafor->pi_ub);
    j["pi_convention"] = to_string(PredictionDf::metafor);
    j["pi_higgins_lb"] = number(r.pi_higgins->pi_lb);
    j["pi_higgins_ub"] = number(r.pi_higgins->pi_ub);
  }
  j["tau2"] = number(f.tau2);
  j["se_tau2"] = number(f.se_tau2);
  j["tau2_ci_lb"] = number(r.tau2_ci ? r.tau2_ci->tau2.ci_lb : std::nan(""));
  j["tau2_ci_ub"] = number(r.tau2_ci ? r.tau2_ci->tau2.ci_ub : std::nan(""));
  j["I2"] = number(f.I2);
  j["I2_definition"] = f.method == Tau2Method::FE ? "(QE-df)/QE" : "100 tau2/(tau2 + vt)";
  j["I2_Q_based"] = number(f.I2_Q_based);
  j["H2"] = number(f.H2);
  j["QE"] = number(f.QE);
  j["QEp"] = number(f.QEp);
  j["s2w"] = number(f.s2w);
  if (r.egger_classic) {
    j["egger_classic_p"] = number(r.egger_classic->pval);
    j["egger_rma_p"] = number(r.egger_rma->pval);
    j["begg_p"] = number(r.begg->pval);
  }
  json labels = json::array();
  for (const std::string& l : r.studies.labels) labels.push_back(l);
  j["slab"] = labels;
  j["yi"] = numbers(f.yi);
  j["vi"] = numbers(f.vi);
  j["weights"] = numbers(f.weights_pct);
  if (r.subgroups) {
    json g = json::object();
    for (std::size_t i = 0; i < r.subgroups->levels.size(); ++i) {
      const RmaFit& s = r.subgroups->per_level[i];
      g[r.subgroups->levels[i]] = {{"k", s.k}, {"estimate", number(s.beta(0))}, {"se", number(s.se(0))},
                                   {"ci_lb", number(s.ci_lb(0))}, {"ci_ub", number(s.ci_ub(0))},
                                   {"tau2", number(s.tau2)}, {"QE", number(s.QE)}, {"I2", number(s.I2)}};
    }
    j["subgroups"] = g;
    j["subgroup_Q_between"] = number(r.subgroups->Q_between);
    j["subgroup_Q_between_p"] = number(r.subgroups->Q_between_p);
    j["subgroup_QM_common_tau2"] = number(r.subgroups->common_tau2.QM);
    j["subgroup_QMp_common_tau2"] = number(r.subgroups->common_tau2.QMp);
  }
  return j.dump(2) + "\n";
}

}  // namespace acuroi::meta
