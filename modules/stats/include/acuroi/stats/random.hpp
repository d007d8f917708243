// Reproducible random permutations for permutation inference. Permutation number k of a run with
// seed s is a function of (s, k) only: a xoshiro256** engine whose state is derived from (s, k) by
// SplitMix64 hashing, driving a Fisher–Yates shuffle with unbiased bounded integers (Lemire).
// So results do not depend on thread count, scheduling or platform (no std:: distributions).
//
//   std::vector<std::uint32_t> order(n);
//   random_permutation(seed, k, order);   // order = a permutation of 0 .. n−1
//   PermutationRng rng(seed, k); std::uint32_t die = rng.below(6);
#pragma once
#include <cstdint>
#include <span>

namespace acuroi::stats {

class PermutationRng {
 public:
  PermutationRng(std::uint64_t seed, std::uint64_t stream);
  std::uint64_t next();
  // Uniform on 0 .. bound − 1 (bound > 0), without modulo bias.
  std::uint32_t below(std::uint32_t bound);
  // Uniform on [0, 1) with 53 random bits.
  double uniform();

 private:
  std::uint64_t state_[4];
};

// Fills `order` with the permutation number `index` of 0 .. order.size() − 1 for this seed.
void random_permutation(std::uint64_t seed, std::uint64_t index, std::span<std::uint32_t> order);

}  // namespace acuroi::stats
