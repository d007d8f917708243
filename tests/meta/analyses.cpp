#include "analyses.hpp"

#include <stdexcept>

#include "acuroi/meta/effect_size.hpp"
#include "analyses_internal.hpp"
#include "reference_data.hpp"

namespace acuroi::meta::testing {
namespace {
void add_es(Quantities& q, const std::string& name, const std::vector<EffectSize>& es) {
  for (std::size_t i = 0; i < es.size(); ++i) {
    q[name + "/yi|" + std::to_string(i + 1)] = es[i].yi;
    q[name + "/vi|" + std::to_string(i + 1)] = es[i].vi;
  }
}
}  // namespace

Quantities escalc_analysis(const std::string& dataset) {
  Quantities q;
  if (dataset == "bcg") {
    const Csv c = read_csv(data_dir() + "/bcg.csv");
    const auto a = c.numbers("tpos"), b = c.numbers("tneg"), cc = c.numbers("cpos"), d = c.numbers("cneg");
    std::vector<Table2x2> t;
    for (std::size_t i = 0; i < a.size(); ++i) t.push_back({a[i], b[i], cc[i], d[i]});
    for (Measure m : {Measure::RR, Measure::OR, Measure::RD, Measure::PETO, Measure::AS}) {
      EscalcOptions o;
      o.add = default_add(m);
      add_es(q, to_string(m), escalc_2x2(m, t, o));
    }
  } else if (dataset == "normand1999") {
    const Csv c = read_csv(data_dir() + "/normand1999.csv");
    const auto m1 = c.numbers("m1i"), s1 = c.numbers("sd1i"), n1 = c.numbers("n1i");
    const auto m2 = c.numbers("m2i"), s2 = c.numbers("sd2i"), n2 = c.numbers("n2i");
    std::vector<TwoArm> t;
    for (std::size_t i = 0; i < m1.size(); ++i) t.push_back({m1[i], s1[i], n1[i], m2[i], s2[i], n2[i]});
    for (Measure m : {Measure::MD, Measure::SMD, Measure::SMDH, Measure::ROM}) add_es(q, to_string(m), escalc_two_arm(m, t));
    EscalcOptions ub;
    ub.vtype = VarianceType::UB;
    add_es(q, "SMD_vtypeUB", escalc_two_arm(Measure::SMD, t, ub));
    for (std::size_t i = 0; i < t.size(); ++i) {
      const SmdComponents s = smd_components(t[i]);
      const std::string idx = "|" + std::to_string(i + 1);
      q["components/pooled_sd" + idx] = s.pooled_sd;
      q["components/cohen_d" + idx] = s.cohen_d;
      q["components/J_exact" + idx] = s.J_exact;
      q["components/J_approx" + idx] = s.J_approx;
      q["components/hedges_g_exactJ" + idx] = s.hedges_g_exactJ;
      q["components/hedges_g_approxJ" + idx] = s.hedges_g_approxJ;
      q["components/var_g_revman" + idx] = s.var_g_revman;
      q["components/var_g_metafor_LS" + idx] = s.var_g_metafor_LS;
    }
  } else if (dataset == "synthetic_prepost") {
    const Csv c = read_csv(data_dir() + "/synthetic_prepost.csv");
    const auto n = c.numbers("n"), pre = c.numbers("m_pre"), post = c.numbers("m_post");
    const auto spre = c.numbers("sd_pre"), spost = c.numbers("sd_post"), r = c.numbers("r");
    std::vector<PrePost> t;
    for (std::size_t i = 0; i < n.size(); ++i) t.push_back({post[i], pre[i], spre[i], spost[i], n[i], r[i]});
    for (Measure m : {Measure::MC, Measure::SMCR, Measure::SMCC}) add_es(q, to_string(m), escalc_prepost(m, t));
    const StudySet md = study_set(dataset, "changeMD"), smd = study_set(dataset, "changeSMD");
    for (Eigen::Index i = 0; i < md.yi.size(); ++i) {
      const std::string idx = "|" + std::to_string(i + 1);
      q["change_MD/yi" + idx] = md.yi(i);
      q["change_MD/vi" + idx] = md.vi(i);
      q["change_SMD/yi" + idx] = smd.yi(i);
      q["change_SMD/vi" + idx] = smd.vi(i);
    }
  }
  return q;
}

Quantities compute_analysis(const std::string& dataset, const std::string& analysis) {
  if (analysis == "escalc") return escalc_analysis(dataset);
  for (const char* special : {"leave1out", "influence", "egger", "begg", "trimfill", "metareg", "subgroup", "MH_",
                              "Peto", "cumulative", "p_adjust"})
    if (analysis.find(special) != std::string::npos) return more_analysis(dataset, analysis);
  const auto us = analysis.find('_');
  const std::string prefix = analysis.substr(0, us);
  const std::string rest = analysis.substr(us + 1);
  static const char* methods[] = {"FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM"};
  for (const char* m : methods) {
    const std::string ms = m;
    if (rest == ms || rest.rfind(ms + "_", 0) == 0) return rma_analysis(dataset, prefix, rest);
  }
  throw std::runtime_error("analysis not computed by the test harness: " + dataset + "/" + analysis);
}

double tolerance_for(const std::string& analysis) {
  for (const char* m : {"ML", "REML", "EB", "PM"})
    if (analysis.find(std::string("_") + m) != std::string::npos) return 1e-6;
  return 1e-8;
}

}  // namespace acuroi::meta::testing
