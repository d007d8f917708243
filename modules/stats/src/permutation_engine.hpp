// Runs permutations 1..N of a statistic kernel in parallel and counts exceedances for
// uncorrected and max-T p-values. Deterministic: permutation k depends only on (seed, k), each
// permutation writes its own slot, integer counts are merged in chunk order. Private.
//
// Kernel: `Scratch make_scratch() const` and
//         `void statistics(std::span<const std::uint32_t> order, Scratch&, double* t) const`
//         (writes the signed t of every test for the row permutation `order`).
#pragma once
#include "acuroi/stats/permutation.hpp"
#include "acuroi/stats/random.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <numeric>
#include <span>
#include <vector>

namespace acuroi::stats::detail {

inline double magnitude(double t) { return std::isnan(t) ? 0.0 : std::fabs(t); }

template <class Kernel>
PermutationResult run_permutations(const Kernel& kernel, std::size_t n_rows, std::size_t n_tests,
                                   const PermutationOptions& options) {
  PermutationResult result;
  result.n_permutations = options.n_permutations;
  result.seed = options.seed;
  std::vector<std::uint32_t> identity(n_rows);
  std::iota(identity.begin(), identity.end(), std::uint32_t{0});
  auto scratch = kernel.make_scratch();
  result.t_observed.assign(n_tests, 0.0);
  kernel.statistics(identity, scratch, result.t_observed.data());
  std::vector<double> observed(n_tests);
  for (std::size_t j = 0; j < n_tests; ++j) observed[j] = magnitude(result.t_observed[j]);

  constexpr std::size_t chunk = 32;
  const std::size_t n_perm = options.n_permutations;
  const std::size_t n_chunks = (n_perm + chunk - 1) / chunk;
  result.max_abs_t.assign(n_perm, 0.0);
  std::vector<std::vector<std::uint32_t>> chunk_counts(n_chunks);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n_chunks), [&](const auto& range) {
    auto local = kernel.make_scratch();
    std::vector<std::uint32_t> order(n_rows);
    std::vector<double> t(n_tests);
    for (std::size_t c = range.begin(); c != range.end(); ++c) {
      std::vector<std::uint32_t> counts(n_tests, 0);
      const std::size_t end = std::min(n_perm, (c + 1) * chunk);
      for (std::size_t k = c * chunk; k < end; ++k) {
        random_permutation(options.seed, k, order);
        kernel.statistics(order, local, t.data());
        double max_t = 0.0;
        for (std::size_t j = 0; j < n_tests; ++j) {
          const double m = magnitude(t[j]);
          counts[j] += m >= observed[j];
          max_t = std::max(max_t, m);
        }
        result.max_abs_t[k] = max_t;
      }
      chunk_counts[c] = std::move(counts);
    }
  });

  std::vector<std::size_t> exceed(n_tests, 0), exceed_max(n_tests, 0);
  for (const auto& counts : chunk_counts)
    for (std::size_t j = 0; j < n_tests; ++j) exceed[j] += counts[j];
  for (double max_t : result.max_abs_t)
    for (std::size_t j = 0; j < n_tests; ++j) exceed_max[j] += max_t >= observed[j];
  const double denominator = 1.0 + static_cast<double>(n_perm);
  for (std::size_t j = 0; j < n_tests; ++j) {
    result.p_uncorrected.push_back((1.0 + static_cast<double>(exceed[j])) / denominator);
    result.p_fwe.push_back((1.0 + static_cast<double>(exceed_max[j])) / denominator);
  }
  return result;
}

}  // namespace acuroi::stats::detail
