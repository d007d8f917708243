// The portable random numbers: the engine is the standard's mt19937_64, the distributions ours.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

#include "acuroi/simulate/random.hpp"

namespace acuroi::simulate {
namespace {

TEST(SimulateRandom, EngineIsTheStandardMersenneTwister64) {
  // C++ standard [rand.predef]: the 10000th output of a default-constructed mt19937_64
  // (seed 5489) is 9981545732273789042.
  SeededRandom rng(5489u);
  std::uint64_t x = 0;
  for (int i = 0; i < 10000; ++i) x = rng.next_u64();
  EXPECT_EQ(x, 9981545732273789042ULL);
}

TEST(SimulateRandom, SplitMix64MatchesPublishedValues) {
  // Reference: splitmix64 (Vigna, prng.di.unimi.it) with state 0, first output after the increment.
  EXPECT_EQ(splitmix64(0), 0xE220A8397B1DCDAFULL);
}

TEST(SimulateRandom, DerivedSeedsDifferPerStreamAndAreStable) {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t p = 0; p < 20; ++p)
    for (std::uint64_t s = 0; s < 2; ++s)
      for (std::uint64_t r = 0; r < 3; ++r) seeds.insert(derive_seed(7, {stream::bold, p, s, r}));
  EXPECT_EQ(seeds.size(), 120u);
  EXPECT_EQ(derive_seed(7, {stream::bold, 1, 0, 0}), derive_seed(7, {stream::bold, 1, 0, 0}));
  EXPECT_NE(derive_seed(7, {stream::bold, 1, 0, 0}), derive_seed(8, {stream::bold, 1, 0, 0}));
  EXPECT_NE(derive_seed(7, {1, 2}), derive_seed(7, {2, 1}));  // order matters
}

// Kolmogorov-Smirnov distance of 200000 normals against the exact N(0,1) CDF; the 0.1% critical
// value is 1.95 / sqrt(n) = 0.0044. Also the first four moments within ~5 standard errors.
TEST(SimulateRandom, NormalsFollowTheStandardNormal) {
  SeededRandom rng(42);
  const int n = 200000;
  std::vector<double> z(n);
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (double& v : z) {
    v = rng.normal();
    m1 += v;
    m2 += v * v;
    m3 += v * v * v;
    m4 += v * v * v * v;
  }
  m1 /= n;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  EXPECT_NEAR(m1, 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(m2, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(m3, 0.0, 5 * std::sqrt(15.0 / n));
  EXPECT_NEAR(m4, 3.0, 5 * std::sqrt(96.0 / n));
  std::sort(z.begin(), z.end());
  double ks = 0;
  for (int i = 0; i < n; ++i) {
    const double cdf = 0.5 * std::erfc(-z[i] / std::sqrt(2.0));
    ks = std::max({ks, std::abs(cdf - static_cast<double>(i) / n), std::abs(cdf - (i + 1.0) / n)});
  }
  EXPECT_LT(ks, 1.95 / std::sqrt(n));
}

TEST(SimulateRandom, UniformAndBelowCoverTheirRanges) {
  SeededRandom rng(3);
  std::vector<int> counts(7, 0);
  double min_u = 1, max_u = 0;
  for (int i = 0; i < 70000; ++i) {
    ++counts[rng.below(7)];
    const double u = rng.uniform();
    min_u = std::min(min_u, u);
    max_u = std::max(max_u, u);
  }
  for (int c : counts) EXPECT_NEAR(c, 10000, 5 * std::sqrt(10000 * 6.0 / 7));  // 5 binomial SDs
  EXPECT_GE(min_u, 0.0);
  EXPECT_LT(max_u, 1.0);
  EXPECT_LT(min_u, 1e-3);
  EXPECT_GT(max_u, 1 - 1e-3);
}

}  // namespace
}  // namespace acuroi::simulate
