#include "ranks.hpp"

#include <algorithm>
#include <numeric>

namespace acuroi::stats::detail {

Ranking rank_average(std::span<const double> values) {
  const std::size_t n = values.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  Ranking out;
  out.ranks.assign(n, 0.0);
  std::size_t start = 0;
  while (start < n) {
    std::size_t end = start + 1;
    while (end < n && values[order[end]] == values[order[start]]) ++end;
    // positions start..end-1 hold ranks start+1..end; their average:
    const double average = 0.5 * static_cast<double>(start + 1 + end);
    for (std::size_t k = start; k < end; ++k) out.ranks[order[k]] = average;
    if (end - start > 1) out.tie_groups.push_back(end - start);
    start = end;
  }
  return out;
}

}  // namespace acuroi::stats::detail
