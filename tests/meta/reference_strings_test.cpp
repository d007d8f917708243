// The text-valued quantities of the metafor 3.8.1 reference (expected.json; not in
// expected_flat.csv, which holds numbers only), copied to data/reference_strings.csv:
// the side trim-and-fill imputes on (chosen as metafor chooses it), the method and test of the
// trim-and-fill model, and the subgroup levels in R's factor order with the common-tau^2 model's
// method and test.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "acuroi/meta/small_study.hpp"
#include "acuroi/meta/subgroup.hpp"
#include "reference_data.hpp"
#include "study_sets.hpp"

namespace acuroi::meta::testing {
namespace {

RmaOptions options_for(const std::string& method) {
  RmaOptions o;
  o.method = parse_tau2_method(method);
  if (o.method != Tau2Method::FE && o.method != Tau2Method::DL) o.control = FitControl::tight();
  return o;
}

// field -> value for one analysis, as computed here.
std::map<std::string, std::string> computed(const std::string& dataset, const std::string& analysis) {
  std::map<std::string, std::string> out;
  const auto us = analysis.find('_');
  const std::string prefix = analysis.substr(0, us);
  if (analysis.rfind("subgroup_alloc_", 0) == 0) {
    const StudySet s = study_set(dataset, "logRR");
    const SubgroupAnalysis a =
        subgroup_analysis(s.yi, s.vi, read_csv(data_dir() + "/bcg.csv").strings("alloc"), options_for(analysis.substr(15)));
    for (std::size_t i = 0; i < a.levels.size(); ++i) out["levels[" + std::to_string(i) + "]"] = a.levels[i];
    out["metareg_common_tau2/method"] = to_string(a.common_tau2.method);
    out["metareg_common_tau2/test"] = to_string(a.common_tau2.test);
    return out;
  }
  const std::string spec = analysis.substr(analysis.find("trimfill_") + 9);  // "REML_L0"
  const StudySet s = study_set(dataset, prefix);
  const TrimFill t = trim_and_fill(fit_rma(s.yi, s.vi, options_for(spec.substr(0, spec.find('_')))),
                                   spec.substr(spec.find('_') + 1) == "R0" ? TrimFillEstimator::R0
                                                                          : TrimFillEstimator::L0);
  out["side"] = t.side;
  out["method"] = to_string(t.adjusted.method);
  out["test"] = to_string(t.adjusted.test);
  return out;
}

TEST(MetaforReferenceStrings, TrimFillSideAndSubgroupLevels) {
  const Csv ref = read_csv(data_dir() + "/reference_strings.csv");
  ASSERT_GT(ref.rows.size(), 40u);
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> cache;
  for (const auto& row : ref.rows) {
    const auto key = std::make_pair(row.at(0), row.at(1));
    if (!cache.count(key)) cache[key] = computed(key.first, key.second);
    const auto& ours = cache[key];
    const auto it = ours.find(row.at(2));
    ASSERT_NE(it, ours.end()) << row.at(0) << "/" << row.at(1) << ": no " << row.at(2);
    EXPECT_EQ(it->second, row.at(3)) << row.at(0) << "/" << row.at(1) << " " << row.at(2);
  }
}

}  // namespace
}  // namespace acuroi::meta::testing
