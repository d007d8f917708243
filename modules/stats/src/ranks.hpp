// Average ranks (1-based, ties get the mean of their ranks, as scipy.stats.rankdata) and the
// sizes of the tie groups. Private.
#pragma once
#include <span>
#include <vector>

namespace acuroi::stats::detail {

struct Ranking {
  std::vector<double> ranks;            // same order as the input
  std::vector<std::size_t> tie_groups;  // sizes of groups of equal values with size > 1
};

Ranking rank_average(std::span<const double> values);

}  // namespace acuroi::stats::detail
