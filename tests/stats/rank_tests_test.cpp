// Wilcoxon signed-rank and Mann–Whitney U against scipy 1.10.1 (/usr/bin/python3, the version of
// the reference): exact and normal regimes, zeros, ties, continuity corrections, at 1e-10 relative.
#include "acuroi/stats/rank_tests.hpp"
#include "acuroi/stats/error.hpp"
#include "acuroi/stats/random.hpp"
#include "reference_data.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace acuroi::stats;
using nlohmann::json;

namespace {

constexpr double kTolerance = 1e-10;

std::vector<double> sample(std::uint64_t stream, std::size_t n, double shift, double round_to = 0) {
  PermutationRng rng(2024, stream);
  std::vector<double> x(n);
  for (double& v : x) {
    v = rng.uniform() * 2.0 - 1.0 + shift;
    if (round_to > 0) v = std::round(v / round_to) * round_to;
  }
  return x;
}

struct Case {
  json scipy;                              // the case as scipy gets it
  std::function<void(const json&)> check;  // compares our result with scipy's
};

Case wilcoxon_case(std::vector<double> x, RankTestMethod ours, const std::string& scipy_method,
                   bool correction, RankTestMethod expected_method) {
  Case c;
  c.scipy = {{"kind", "wilcoxon"}, {"x", x}, {"method", scipy_method}, {"correction", correction}};
  c.check = [=](const json& ref) {
    const WilcoxonSignedRank r = wilcoxon_signed_rank(x, {ours, correction});
    const std::string what = "wilcoxon n=" + std::to_string(x.size()) + " scipy " + scipy_method;
    EXPECT_EQ(r.method_used, expected_method) << what;
    EXPECT_TRUE(stats_test::close(r.statistic, ref["statistic"].get<double>(), kTolerance)) << what;
    EXPECT_TRUE(stats_test::close(r.p, ref["p"].get<double>(), kTolerance))
        << what << ": p " << r.p << " vs scipy " << ref["p"].get<double>();
    if (!ref["z"].is_null()) {
      ASSERT_TRUE(r.z.has_value()) << what;
      EXPECT_TRUE(stats_test::close(*r.z, ref["z"].get<double>(), kTolerance)) << what;
    }
  };
  return c;
}

Case mwu_case(std::vector<double> x, std::vector<double> y, RankTestMethod ours,
              const std::string& scipy_method, bool continuity, RankTestMethod expected_method) {
  Case c;
  c.scipy = {{"kind", "mwu"},
             {"x", x},
             {"y", y},
             {"method", scipy_method},
             {"use_continuity", continuity}};
  c.check = [=](const json& ref) {
    const MannWhitneyU r = mann_whitney_u(x, y, {ours, continuity});
    const std::string what = "mwu n=" + std::to_string(x.size()) + "," + std::to_string(y.size()) +
                             " scipy " + scipy_method;
    EXPECT_EQ(r.method_used, expected_method) << what;
    EXPECT_TRUE(stats_test::close(r.u_active, ref["statistic"].get<double>(), kTolerance)) << what;
    EXPECT_TRUE(stats_test::close(r.p, ref["p"].get<double>(), kTolerance))
        << what << ": p " << r.p << " vs scipy " << ref["p"].get<double>();
  };
  return c;
}

std::vector<Case> all_cases() {
  using M = RankTestMethod;
  std::vector<Case> cases;
  // Wilcoxon, automatic = scipy "auto" where they agree (no ties): exact for n ≤ 50.
  for (std::size_t n : {4, 5, 9, 12, 25, 50})
    cases.push_back(wilcoxon_case(sample(n, n, 0.3), M::automatic, "auto", false, M::exact));
  // n > 50: normal approximation; with and without continuity correction.
  cases.push_back(wilcoxon_case(sample(51, 51, 0.2), M::automatic, "auto", false, M::normal));
  cases.push_back(wilcoxon_case(sample(80, 80, 0.1), M::automatic, "auto", true, M::normal));
  // Zeros: scipy's auto switches to the approximation (zero_method "wilcox" drops them).
  std::vector<double> with_zeros = sample(300, 20, 0.4);
  with_zeros[3] = with_zeros[11] = with_zeros[17] = 0.0;
  cases.push_back(wilcoxon_case(with_zeros, M::automatic, "auto", false, M::normal));
  cases.push_back(wilcoxon_case(with_zeros, M::automatic, "auto", true, M::normal));
  // Ties (rounded values): our automatic uses the normal approximation with the tie correction
  // (scipy 1.10.1's auto would take its exact branch; compare with its approx).
  const std::vector<double> tied = sample(301, 30, 0.2, 0.1);
  cases.push_back(wilcoxon_case(tied, M::automatic, "approx", false, M::normal));
  cases.push_back(wilcoxon_case(tied, M::normal, "approx", true, M::normal));
  cases.push_back(wilcoxon_case(sample(302, 15, -0.3), M::normal, "approx", false, M::normal));
  cases.push_back(wilcoxon_case(sample(303, 15, -0.3), M::exact, "exact", false, M::exact));
  // Mann–Whitney: exact when min(n1, n2) ≤ 8 and no ties.
  cases.push_back(
      mwu_case(sample(400, 5, 0.3), sample(401, 12, 0), M::automatic, "auto", true, M::exact));
  cases.push_back(
      mwu_case(sample(402, 8, 0.5), sample(403, 8, 0), M::automatic, "auto", true, M::exact));
  cases.push_back(
      mwu_case(sample(404, 40, 0.1), sample(405, 3, 0), M::automatic, "auto", true, M::exact));
  cases.push_back(
      mwu_case(sample(406, 12, 0.4), sample(407, 12, 0), M::automatic, "auto", true, M::normal));
  cases.push_back(
      mwu_case(sample(408, 30, 0.2), sample(409, 25, 0), M::automatic, "auto", false, M::normal));
  cases.push_back(mwu_case(sample(410, 6, 0.2, 0.25), sample(411, 7, 0, 0.25), M::automatic, "auto",
                           true, M::normal));
  cases.push_back(mwu_case(sample(412, 20, 0.3, 0.1), sample(413, 22, 0, 0.1), M::automatic, "auto",
                           true, M::normal));
  cases.push_back(
      mwu_case(sample(414, 20, 0.3), sample(415, 18, 0), M::exact, "exact", true, M::exact));
  return cases;
}

}  // namespace

TEST(RankTests, MatchScipy) {
  const std::vector<Case> cases = all_cases();
  json request = json::array();
  for (const Case& c : cases) request.push_back(c.scipy);
  const auto path = std::filesystem::temp_directory_path() / "acuroi_stats_rank_cases.json";
  std::ofstream(path) << request.dump();
  const json reference = json::parse(stats_test::run_python("rank_reference.py", path.string()));
  std::filesystem::remove(path);
  ASSERT_EQ(reference.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) cases[i].check(reference[i]);
}

TEST(RankTests, ExactRequestWithTiesOrZerosIsAnError) {
  std::vector<double> x = {0.5, -0.2, 0.0, 0.7, 0.1};
  try {
    wilcoxon_signed_rank(x, {RankTestMethod::exact, false});
    FAIL() << "no error";
  } catch (const StatsError& e) {
    EXPECT_NE(std::string(e.what()).find("1 zeros"), std::string::npos) << e.what();
  }
  const std::vector<double> a = {1, 2, 3}, b = {3, 4, 5};
  EXPECT_THROW(mann_whitney_u(a, b, {RankTestMethod::exact, true}), StatsError);
  const std::vector<double> zeros = {0, 0, 0};
  EXPECT_THROW(wilcoxon_signed_rank(zeros), StatsError);
}
