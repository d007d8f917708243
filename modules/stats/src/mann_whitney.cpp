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

constexpr const char* subject = "Mann-Whitney U";

// P(U ≤ k_max) for sample sizes (m, n), no ties. Recurrence on the largest observation:
// P(m,n,k) = m/(m+n)·P(m−1,n,k−n) + n/(m+n)·P(m,n−1,k) (probabilities: positive terms only).
double exact_lower_tail(std::size_t m, std::size_t n, std::size_t k_max) {
  if (m > n) std::swap(m, n);  // the distribution is symmetric in (m, n); iterate the larger
  const double work =
      static_cast<double>(m + 1) * static_cast<double>(m * n + 1) * static_cast<double>(n);
  if (work > 4e9)
    throw StatsError(subject, "method", "exact",
                     "sample sizes " + std::to_string(m) + " and " + std::to_string(n) +
                         " are too large for the exact distribution; use the normal approximation");
  const std::size_t width = m * n + 1;
  // row[a][k] = P(a, b, k) for the current b; b = 0: U = 0 with certainty.
  std::vector<std::vector<double>> row(m + 1, std::vector<double>(width, 0.0));
  for (auto& r : row) r[0] = 1.0;
  for (std::size_t b = 1; b <= n; ++b) {
    for (std::size_t a = 1; a <= m; ++a) {
      const double wa = static_cast<double>(a) / static_cast<double>(a + b);
      const double wb = static_cast<double>(b) / static_cast<double>(a + b);
      for (std::size_t k = a * b + 1; k-- > 0;) {
        const double from_a = k >= b ? row[a - 1][k - b] : 0.0;
        row[a][k] = wa * from_a + wb * row[a][k];
      }
    }
  }
  double p = 0.0;
  for (std::size_t k = 0; k <= k_max; ++k) p += row[m][k];
  return p;
}

}  // namespace

MannWhitneyU mann_whitney_u(std::span<const double> active, std::span<const double> control,
                            const MannWhitneyOptions& options) {
  detail::check_sample(active, std::string(subject) + " (active arm)", 1);
  detail::check_sample(control, std::string(subject) + " (control arm)", 1);
  MannWhitneyU r;
  r.n_active = active.size();
  r.n_control = control.size();
  std::vector<double> combined(active.begin(), active.end());
  combined.insert(combined.end(), control.begin(), control.end());
  const detail::Ranking ranking = detail::rank_average(combined);
  r.ties = !ranking.tie_groups.empty();
  const double n1 = static_cast<double>(r.n_active), n2 = static_cast<double>(r.n_control);
  double rank_sum_active = 0.0;
  for (std::size_t i = 0; i < r.n_active; ++i) rank_sum_active += ranking.ranks[i];
  r.u_active = rank_sum_active - n1 * (n1 + 1.0) / 2.0;
  r.u_control = n1 * n2 - r.u_active;
  const double u = std::max(r.u_active, r.u_control);

  RankTestMethod method = options.method;
  if (method == RankTestMethod::automatic)
    method = (std::min(r.n_active, r.n_control) <= 8 && !r.ties) ? RankTestMethod::exact
                                                                 : RankTestMethod::normal;
  if (method == RankTestMethod::exact && r.ties)
    throw StatsError(subject, "method", "exact",
                     "the exact p-value needs no ties (" +
                         std::to_string(ranking.tie_groups.size()) + " tie groups)");
  r.method_used = method;
  if (method == RankTestMethod::exact) {
    const auto k_max = static_cast<std::size_t>(n1 * n2 - u);  // P(U ≥ u) = P(U ≤ n1·n2 − u)
    r.p = std::min(1.0, 2.0 * exact_lower_tail(r.n_active, r.n_control, k_max));
    return r;
  }
  const double n = n1 + n2;
  double tie_term = 0.0;
  for (std::size_t t : ranking.tie_groups) {
    const double tt = static_cast<double>(t);
    tie_term += tt * tt * tt - tt;
  }
  const double variance = n1 * n2 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
  if (!(variance > 0.0))
    throw StatsError(subject, "values", "equal in both arms",
                     "every value is the same; the test is undefined");
  const double numerator = u - n1 * n2 / 2.0 - (options.continuity_correction ? 0.5 : 0.0);
  r.z = numerator / std::sqrt(variance);
  r.p = std::min(1.0, 2.0 * detail::normal_upper_p(*r.z));
  return r;
}

}  // namespace acuroi::stats
