#include "study_sets.hpp"

#include <stdexcept>

#include "acuroi/meta/effect_size.hpp"
#include "reference_data.hpp"

namespace acuroi::meta::testing {
namespace {
StudySet to_set(const std::vector<EffectSize>& es) {
  StudySet s;
  s.yi.resize(static_cast<Eigen::Index>(es.size()));
  s.vi.resize(static_cast<Eigen::Index>(es.size()));
  for (std::size_t i = 0; i < es.size(); ++i) {
    s.yi(static_cast<Eigen::Index>(i)) = es[i].yi;
    s.vi(static_cast<Eigen::Index>(i)) = es[i].vi;
  }
  return s;
}
}  // namespace

StudySet study_set(const std::string& dataset, const std::string& prefix) {
  if (dataset == "bcg") {
    const Csv c = read_csv(data_dir() + "/bcg.csv");
    const auto a = c.numbers("tpos"), b = c.numbers("tneg"), cc = c.numbers("cpos"), d = c.numbers("cneg");
    std::vector<Table2x2> t;
    for (std::size_t i = 0; i < a.size(); ++i) t.push_back({a[i], b[i], cc[i], d[i]});
    if (prefix == "logRR") return to_set(escalc_2x2(Measure::RR, t));
    if (prefix == "logOR") return to_set(escalc_2x2(Measure::OR, t));
    if (prefix == "RD") return to_set(escalc_2x2(Measure::RD, t));
  }
  if (dataset == "normand1999") {
    const Csv c = read_csv(data_dir() + "/normand1999.csv");
    const auto m1 = c.numbers("m1i"), s1 = c.numbers("sd1i"), n1 = c.numbers("n1i");
    const auto m2 = c.numbers("m2i"), s2 = c.numbers("sd2i"), n2 = c.numbers("n2i");
    std::vector<TwoArm> t;
    for (std::size_t i = 0; i < m1.size(); ++i) t.push_back({m1[i], s1[i], n1[i], m2[i], s2[i], n2[i]});
    if (prefix == "MD") return to_set(escalc_two_arm(Measure::MD, t));
    if (prefix == "SMD") return to_set(escalc_two_arm(Measure::SMD, t));
  }
  if (dataset == "synthetic_prepost") {
    const Csv c = read_csv(data_dir() + "/synthetic_prepost.csv");
    if (prefix == "MC") {
      const auto n = c.numbers("n"), pre = c.numbers("m_pre"), post = c.numbers("m_post");
      const auto spre = c.numbers("sd_pre"), spost = c.numbers("sd_post"), r = c.numbers("r");
      std::vector<PrePost> t;
      for (std::size_t i = 0; i < n.size(); ++i) t.push_back({post[i], pre[i], spre[i], spost[i], n[i], r[i]});
      return to_set(escalc_prepost(Measure::MC, t));
    }
    const auto n1 = c.numbers("n_acu"), m1 = c.numbers("m_chg_acu"), s1 = c.numbers("sd_chg_acu");
    const auto n2 = c.numbers("n_sham"), m2 = c.numbers("m_chg_sham"), s2 = c.numbers("sd_chg_sham");
    std::vector<TwoArm> t;
    for (std::size_t i = 0; i < n1.size(); ++i) t.push_back({m1[i], s1[i], n1[i], m2[i], s2[i], n2[i]});
    if (prefix == "changeMD") return to_set(escalc_two_arm(Measure::MD, t));
    if (prefix == "changeSMD") return to_set(escalc_two_arm(Measure::SMD, t));
  }
  throw std::runtime_error("no study set " + dataset + "/" + prefix);
}

}  // namespace acuroi::meta::testing
