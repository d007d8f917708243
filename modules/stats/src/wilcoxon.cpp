#include "acuroi/stats/error.hpp"
#include "acuroi/stats/rank_tests.hpp"
#include "checks.hpp"
#include "distributions.hpp"
#include "ranks.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace acuroi::stats {
namespace {

constexpr const char* subject = "Wilcoxon signed-rank";

// Null distribution of R+ for n untied non-zero differences: P(R+ = r), r = 0 .. n(n+1)/2,
// built by adding one rank at a time (each rank is positive with probability ½).
std::vector<double> signed_rank_distribution(std::size_t n) {
  std::vector<double> pmf{1.0};
  for (std::size_t k = 1; k <= n; ++k) {
    std::vector<double> next(k * (k + 1) / 2 + 1, 0.0);
    const std::size_t m = pmf.size();
    for (std::size_t r = 0; r < m; ++r) next[r] = pmf[r] * 0.5;
    for (std::size_t r = 0; r < m; ++r) next[next.size() - m + r] += pmf[r] * 0.5;
    pmf.swap(next);
  }
  return pmf;
}

double exact_p(std::size_t n, double r_plus_value) {
  const std::vector<double> pmf = signed_rank_distribution(n);
  const auto r_plus = static_cast<std::size_t>(r_plus_value);
  if (r_plus == (pmf.size() - 1) / 2) return 1.0;
  double p_less = 0.0, p_greater = 0.0;
  for (std::size_t r = 0; r <= r_plus; ++r) p_less += pmf[r];
  for (std::size_t r = r_plus; r < pmf.size(); ++r) p_greater += pmf[r];
  return std::clamp(2.0 * std::min(p_less, p_greater), 0.0, 1.0);
}

void normal_p(WilcoxonSignedRank& r, std::size_t count, const std::vector<std::size_t>& ties,
              bool continuity_correction) {
  const double n = static_cast<double>(count);
  const double mean = n * (n + 1.0) * 0.25;
  double variance24 = n * (n + 1.0) * (2.0 * n + 1.0);
  for (std::size_t t : ties) {
    const double tt = static_cast<double>(t);
    variance24 -= 0.5 * tt * (tt * tt - 1.0);
  }
  const double se = std::sqrt(variance24 / 24.0);
  double correction = 0.0;
  if (continuity_correction && r.statistic != mean) correction = r.statistic > mean ? 0.5 : -0.5;
  const double z = (r.statistic - mean - correction) / se;
  r.z = z;
  r.p = std::min(1.0, 2.0 * detail::normal_upper_p(std::fabs(z)));
}

}  // namespace

WilcoxonSignedRank wilcoxon_signed_rank(std::span<const double> differences,
                                        const WilcoxonOptions& options) {
  detail::check_sample(differences, subject, 1);
  WilcoxonSignedRank r;
  r.n = differences.size();
  std::vector<double> nonzero, magnitude;
  for (double d : differences) {
    if (d == 0.0) {
      ++r.n_zero;
      continue;
    }
    nonzero.push_back(d);
    magnitude.push_back(std::fabs(d));
  }
  if (nonzero.empty())
    throw StatsError(subject, "differences", "0 for every participant",
                     "every difference is zero; the test is undefined");
  const detail::Ranking ranking = detail::rank_average(magnitude);
  r.ties = !ranking.tie_groups.empty();
  for (std::size_t i = 0; i < nonzero.size(); ++i)
    (nonzero[i] > 0 ? r.r_plus : r.r_minus) += ranking.ranks[i];
  r.statistic = std::min(r.r_plus, r.r_minus);

  RankTestMethod method = options.method;
  if (method == RankTestMethod::automatic)
    method =
        (r.n <= 50 && r.n_zero == 0 && !r.ties) ? RankTestMethod::exact : RankTestMethod::normal;
  if (method == RankTestMethod::exact && (r.n_zero > 0 || r.ties))
    throw StatsError(subject, "method", "exact",
                     "the exact p-value needs no zero differences and no tied |differences| (" +
                         std::to_string(r.n_zero) + " zeros, " +
                         std::to_string(ranking.tie_groups.size()) + " tie groups)");
  r.method_used = method;
  if (method == RankTestMethod::exact)
    r.p = exact_p(nonzero.size(), r.r_plus);
  else
    normal_p(r, nonzero.size(), ranking.tie_groups, options.continuity_correction);
  return r;
}

}  // namespace acuroi::stats
