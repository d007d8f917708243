// One pooled model as metafor-named JSON: meta::report_json for the model, plus the pool's
// ROI × measure, study names, moderators, multiplicity-adjusted p, left-out studies and notes.
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "acuroi/meta/report.hpp"
#include "acuroi/metastudy/outputs.hpp"

namespace acuroi::metastudy {
namespace {
using nlohmann::json;

json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

meta::MetaReport report_of(const PairPool& p) {
  meta::MetaReport r;
  r.studies.measure = p.effect_measure;
  for (const EffectRow& row : p.rows) r.studies.labels.push_back(row.label);
  r.fit = *p.fit;
  r.pi_metafor = p.pi_metafor;
  r.pi_higgins = p.pi_higgins;
  r.tau2_ci = p.tau2_ci;
  if (p.egger_classic && p.egger_rma && p.begg) {  // report_json writes the three together
    r.egger_classic = p.egger_classic;
    r.egger_rma = p.egger_rma;
    r.begg = p.begg;
  }
  if (p.subgroups) r.subgroups = p.subgroups->analysis;
  r.summary = p.summary;
  return r;
}

void add_intervals(json& j, const PairPool& p) {
  const meta::Tau2Interval* ci = p.tau2_ci ? &*p.tau2_ci : nullptr;
  const double na = EffectRow::na;
  j["tau"] = number(std::sqrt(p.fit->tau2));
  j["tau_ci_lb"] = number(ci ? ci->tau.ci_lb : na);
  j["tau_ci_ub"] = number(ci ? ci->tau.ci_ub : na);
  j["I2_ci_lb"] = number(ci ? ci->I2.ci_lb : na);
  j["I2_ci_ub"] = number(ci ? ci->I2.ci_ub : na);
  j["H2_ci_lb"] = number(ci ? ci->H2.ci_lb : na);
  j["H2_ci_ub"] = number(ci ? ci->H2.ci_ub : na);
  if (p.trim_fill)
    j["trimfill"] = {{"k0", p.trim_fill->k0},
                     {"side", p.trim_fill->side},
                     {"estimate", number(p.trim_fill->adjusted.beta(0))},
                     {"ci_lb", number(p.trim_fill->adjusted.ci_lb(0))},
                     {"ci_ub", number(p.trim_fill->adjusted.ci_ub(0))}};
  if (p.regression) {
    const meta::RmaFit& f = p.regression->fit;
    json coefs = json::object();
    for (std::size_t c = 0; c < f.p; ++c) {
      const auto cc = static_cast<Eigen::Index>(c);
      coefs[f.coef_names[c]] = {{"estimate", number(f.beta(cc))}, {"se", number(f.se(cc))},
                                {"pval", number(f.pval(cc))},     {"ci_lb", number(f.ci_lb(cc))},
                                {"ci_ub", number(f.ci_ub(cc))}};
    }
    j["meta_regression"] = {{"k", f.k},          {"coefficients", coefs}, {"QM", number(f.QM)},
                            {"QMp", number(f.QMp)}, {"R2", number(f.R2)},  {"tau2", number(f.tau2)}};
  }
}
}  // namespace

std::string pool_json_name(const std::string& roi, const std::string& measure) {
  std::string name = roi + "_" + measure;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_' && c != '~') c = '-';
  return name + ".json";
}

std::string pool_json(const PairPool& p, const PoolingOptions& o) {
  json j = p.fit ? json::parse(meta::report_json(report_of(p))) : json::object();
  j["roi"] = p.roi;
  j["roi_measure"] = p.measure;
  if (!p.fit) {
    j["k"] = p.rows.size();
    j["measure"] = meta::to_string(o.measure);
    j["method"] = meta::to_string(o.rma.method);
    j["test"] = meta::to_string(o.rma.test);
  } else {
    add_intervals(j, p);
  }
  j["p_adjusted"] = number(p.p_adjusted);
  j["p_adjust_method"] = o.p_adjust;
  j["pi_convention_reported"] = meta::to_string(o.pi_convention);
  json studies = json::array(), moderators = json::array();
  for (const EffectRow& r : p.rows) {
    studies.push_back(r.study);
    moderators.push_back(r.moderators);
  }
  j["study"] = studies;
  j["moderators"] = moderators;
  json left_out = json::array();
  for (const LeftOut& l : p.left_out) left_out.push_back({{"study", l.study}, {"label", l.label}, {"reason", l.reason}});
  j["left_out"] = left_out;
  j["notes"] = p.notes;
  j["status"] = p.status;
  return j.dump(2) + "\n";
}

}  // namespace acuroi::metastudy
