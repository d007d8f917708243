#include "acuroi/stats/random.hpp"

#include <numeric>

namespace acuroi::stats {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

PermutationRng::PermutationRng(std::uint64_t seed, std::uint64_t stream) {
  // Hash seed and stream separately, then combine and expand: neighbouring streams get
  // unrelated states (no shifted overlap of one SplitMix sequence).
  std::uint64_t a = seed, b = stream ^ 0x6A09E667F3BCC909ULL;
  std::uint64_t x = splitmix64(a) ^ rotl(splitmix64(b), 17);
  for (auto& word : state_) word = splitmix64(x);
}

std::uint64_t PermutationRng::next() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

std::uint32_t PermutationRng::below(std::uint32_t bound) {
  std::uint64_t product =
      static_cast<std::uint64_t>(static_cast<std::uint32_t>(next() >> 32)) * bound;
  auto low = static_cast<std::uint32_t>(product);
  if (low < bound) {
    const std::uint32_t threshold = static_cast<std::uint32_t>(-bound) % bound;
    while (low < threshold) {
      product = static_cast<std::uint64_t>(static_cast<std::uint32_t>(next() >> 32)) * bound;
      low = static_cast<std::uint32_t>(product);
    }
  }
  return static_cast<std::uint32_t>(product >> 32);
}

double PermutationRng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

void random_permutation(std::uint64_t seed, std::uint64_t index, std::span<std::uint32_t> order) {
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  PermutationRng rng(seed, index);
  for (std::size_t i = order.size(); i > 1; --i) {
    const std::uint32_t j = rng.below(static_cast<std::uint32_t>(i));
    std::swap(order[i - 1], order[j]);
  }
}

}  // namespace acuroi::stats
