#include "acuroi/stats/multiplicity.hpp"

#include "acuroi/stats/error.hpp"
#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace acuroi::stats {
namespace {

using Vector = std::vector<double>;

// Indices of p sorted increasingly (stable, as R's order()).
std::vector<std::size_t> increasing_order(const Vector& p) {
  std::vector<std::size_t> o(p.size());
  std::iota(o.begin(), o.end(), std::size_t{0});
  std::stable_sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  return o;
}

// Step-up (BH, BY, hochberg): from the largest p down, running minimum of factor(i)·p(i),
// i = rank (1-based) in increasing order.
template <class Factor>
Vector step_up(const Vector& p, Factor factor) {
  const std::size_t n = p.size();
  const std::vector<std::size_t> o = increasing_order(p);
  Vector out(n);
  double running = INFINITY;
  for (std::size_t k = n; k-- > 0;) {
    running = std::min(running, factor(static_cast<double>(k + 1)) * p[o[k]]);
    out[o[k]] = std::min(1.0, running);
  }
  return out;
}

Vector holm(const Vector& p) {
  const double n = static_cast<double>(p.size());
  const std::vector<std::size_t> o = increasing_order(p);
  Vector out(p.size());
  double running = 0.0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    running = std::max(running, (n - static_cast<double>(k)) * p[o[k]]);
    out[o[k]] = std::min(1.0, running);
  }
  return out;
}

// Hommel (1988), following the algorithm of R's p.adjust.
Vector hommel(const Vector& p_in) {
  const std::size_t n = p_in.size();
  if (n == 0) return {};
  const std::vector<std::size_t> o = increasing_order(p_in);
  Vector p(n);
  for (std::size_t k = 0; k < n; ++k) p[k] = p_in[o[k]];
  const double nd = static_cast<double>(n);
  double initial = INFINITY;
  for (std::size_t i = 0; i < n; ++i)
    initial = std::min(initial, nd * p[i] / static_cast<double>(i + 1));
  Vector q(n, initial), pa(n, initial);
  for (std::size_t m = n - 1; m >= 2; --m) {
    const double md = static_cast<double>(m);
    double q1 = INFINITY;  // min over i2 = n−m+2..n (1-based) of m·p[i2]/(2..m)
    for (std::size_t j = 0; j + 1 < m; ++j)
      q1 = std::min(q1, md * p[n - m + 1 + j] / static_cast<double>(j + 2));
    for (std::size_t i = 0; i < n - m + 1; ++i) q[i] = std::min(md * p[i], q1);
    for (std::size_t i = n - m + 1; i < n; ++i) q[i] = q[n - m];
    for (std::size_t i = 0; i < n; ++i) pa[i] = std::max(pa[i], q[i]);
  }
  Vector out(n);
  for (std::size_t k = 0; k < n; ++k) out[o[k]] = std::max(pa[k], p[k]);
  return out;
}

Vector adjust_complete(const Vector& p, PAdjustMethod method) {
  if (p.size() <= 1) return p;  // R returns a single p unchanged
  if (p.size() == 2 && method == PAdjustMethod::hommel) method = PAdjustMethod::hochberg;  // as R
  const double n = static_cast<double>(p.size());
  switch (method) {
    case PAdjustMethod::bonferroni: {
      Vector out(p.size());
      for (std::size_t i = 0; i < p.size(); ++i) out[i] = std::min(1.0, n * p[i]);
      return out;
    }
    case PAdjustMethod::holm:
      return holm(p);
    case PAdjustMethod::hochberg:
      return step_up(p, [n](double i) { return n - i + 1.0; });
    case PAdjustMethod::hommel:
      return hommel(p);
    case PAdjustMethod::bh:
      return step_up(p, [n](double i) { return n / i; });
    case PAdjustMethod::by: {
      double harmonic = 0.0;
      for (double i = 1.0; i <= n; i += 1.0) harmonic += 1.0 / i;
      return step_up(p, [n, harmonic](double i) { return harmonic * n / i; });
    }
  }
  return p;
}

}  // namespace

PAdjustMethod parse_p_adjust_method(const std::string& name) {
  if (name == "bonferroni") return PAdjustMethod::bonferroni;
  if (name == "holm") return PAdjustMethod::holm;
  if (name == "hochberg") return PAdjustMethod::hochberg;
  if (name == "hommel") return PAdjustMethod::hommel;
  if (name == "BH" || name == "fdr") return PAdjustMethod::bh;
  if (name == "BY") return PAdjustMethod::by;
  throw StatsError("multiplicity", "method", name,
                   "must be one of bonferroni, holm, hochberg, hommel, BH (fdr), BY");
}

std::string to_string(PAdjustMethod method) {
  switch (method) {
    case PAdjustMethod::bonferroni:
      return "bonferroni";
    case PAdjustMethod::holm:
      return "holm";
    case PAdjustMethod::hochberg:
      return "hochberg";
    case PAdjustMethod::hommel:
      return "hommel";
    case PAdjustMethod::bh:
      return "BH";
    case PAdjustMethod::by:
      return "BY";
  }
  return "?";
}

std::vector<double> p_adjust(std::span<const double> p, PAdjustMethod method) {
  Vector present;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (std::isnan(p[i])) continue;
    if (p[i] < 0.0 || p[i] > 1.0)
      throw StatsError("multiplicity", "p [" + std::to_string(i) + "]", detail::format_number(p[i]),
                       "must be in [0, 1]");
    present.push_back(p[i]);
  }
  const Vector adjusted = adjust_complete(present, method);
  std::vector<double> out(p.size(), std::nan(""));
  for (std::size_t i = 0, k = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) out[i] = adjusted[k++];
  return out;
}

}  // namespace acuroi::stats
