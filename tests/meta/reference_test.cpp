// Every quantity of the metafor 3.8.1 reference (expected_flat.csv), one test per dataset x analysis.
// A reference quantity that we do not compute fails the test (no silent skipping).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "analyses.hpp"
#include "reference_data.hpp"

namespace acuroi::meta::testing {
namespace {

struct Case {
  std::string dataset, analysis;
};

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const auto& [key, rows] : reference()) out.push_back({key.first, key.second});
  return out;
}

class MetaforReference : public ::testing::TestWithParam<Case> {};

TEST_P(MetaforReference, MatchesEveryQuantity) {
  const Case& c = GetParam();
  const double tol = tolerance_for(c.analysis);
  Quantities ours;
  try {
    ours = compute_analysis(c.dataset, c.analysis);
  } catch (const std::exception& e) {
    FAIL() << "could not compute " << c.dataset << "/" << c.analysis << ": " << e.what();
  }
  int checked = 0;
  double max_rel = 0;
  std::string worst;
  for (const ReferenceRow& r : reference().at({c.dataset, c.analysis})) {
    const std::string key = r.quantity + "|" + r.index;
    const auto it = ours.find(key);
    if (it == ours.end()) {
      ADD_FAILURE() << "reference quantity not computed: " << key;
      continue;
    }
    const double got = it->second;
    ++checked;
    if (r.is_na) {
      EXPECT_TRUE(std::isnan(got)) << key << ": reference NA, got " << got;
      continue;
    }
    // Relative error; values below 1e-6 (a tau^2 or I^2 on the zero boundary) are compared on an
    // absolute scale of 1e-6, except p-values, which stay relative however small.
    const bool p_value = r.quantity.find("pval") != std::string::npos || r.quantity.back() == 'p';
    const double err = std::abs(got - r.value);
    const double rel = err / std::max(std::abs(r.value), p_value ? 1e-300 : 1e-6);
    if (rel > max_rel) { max_rel = rel; worst = key; }
    EXPECT_LE(err, tol * std::max(std::abs(r.value), p_value ? 1e-300 : 1e-6))
        << key << ": got " << got << ", metafor " << r.value << " (rel " << err / std::abs(r.value) << ")";
  }
  EXPECT_GT(checked, 0);
  RecordProperty("max_relative_error", std::to_string(max_rel));
  std::printf("[ measured ] %s/%s: %d quantities, max relative error %.3g (%s), tolerance %.0e\n",
              c.dataset.c_str(), c.analysis.c_str(), checked, max_rel, worst.c_str(), tol);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string s = info.param.dataset + "_" + info.param.analysis;
  for (char& ch : s)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(All, MetaforReference, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace acuroi::meta::testing
