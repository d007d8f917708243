#include "kendall.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "distributions.hpp"

namespace acuroi::meta::detail {
namespace {
// P(T <= q) where T counts concordant pairs among n untied observations (Mahonian numbers).
double kendall_cdf(long q, int n) {
  const long max_t = static_cast<long>(n) * (n - 1) / 2;
  if (q < 0) return 0.0;
  if (q >= max_t) return 1.0;
  std::vector<double> counts(static_cast<std::size_t>(max_t + 1), 0.0);
  counts[0] = 1.0;
  long filled = 0;
  for (int m = 2; m <= n; ++m) {  // insert element m: adds 0..m-1 inversions
    std::vector<double> next(counts.size(), 0.0);
    for (long t = 0; t <= filled; ++t)
      for (int add = 0; add < m; ++add) next[static_cast<std::size_t>(t + add)] += counts[static_cast<std::size_t>(t)];
    filled += m - 1;
    counts.swap(next);
  }
  double total = 0, below = 0;
  for (long t = 0; t <= max_t; ++t) {
    total += counts[static_cast<std::size_t>(t)];
    if (t <= q) below += counts[static_cast<std::size_t>(t)];
  }
  return below / total;
}
double tie_term(const std::vector<double>& v, double (*f)(double)) {
  std::map<double, int> c;
  for (double x : v) ++c[x];
  double s = 0;
  for (const auto& [val, t] : c) s += f(static_cast<double>(t));
  return s;
}
}  // namespace

KendallResult kendall_test(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  double s = 0, n1 = 0, n2 = 0;
  KendallResult r;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double dx = (x[i] > x[j]) - (x[i] < x[j]);
      const double dy = (y[i] > y[j]) - (y[i] < y[j]);
      s += dx * dy;
      n1 += dx != 0;
      n2 += dy != 0;
    }
  const double n0 = static_cast<double>(n) * (static_cast<double>(n) - 1) / 2;
  r.has_ties = n1 < n0 || n2 < n0;
  r.tau = s / std::sqrt(n1 * n2);
  // exact (no ties): T = number of concordant pairs
  if (!r.has_ties) {
    const long q = std::lround((r.tau + 1) * static_cast<double>(n) * (static_cast<double>(n) - 1) / 4);
    const double p = q > n0 / 2 ? 1.0 - kendall_cdf(q - 1, static_cast<int>(n)) : kendall_cdf(q, static_cast<int>(n));
    r.p_exact = std::min(1.0, 2 * p);
  }
  // normal approximation (with the tie-corrected variance of R's cor.test)
  const double nd = static_cast<double>(n);
  auto a = [](double t) { return t * (t - 1) * (2 * t + 5); };
  auto b = [](double t) { return t * (t - 1) * (t - 2); };
  auto c = [](double t) { return t * (t - 1); };
  const double var = (nd * (nd - 1) * (2 * nd + 5) - tie_term(x, a) - tie_term(y, a)) / 18 +
                     tie_term(x, b) * tie_term(y, b) / (9 * nd * (nd - 1) * (nd - 2)) +
                     tie_term(x, c) * tie_term(y, c) / (2 * nd * (nd - 1));
  const double z = s / std::sqrt(var);
  r.p_normal = 2 * std::min(normal_upper(-z), normal_upper(z));
  if (r.has_ties) r.p_exact = r.p_normal;
  return r;
}

}  // namespace acuroi::meta::detail
