// Portable seeded random numbers for the simulator: the same seed gives the same numbers with
// any compiler and standard library.
//
// std::mt19937_64 is fully specified by the C++ standard, but std::normal_distribution and
// std::uniform_real_distribution are not (their algorithms are implementation-defined), so the
// draws are made here: uniforms from the top 53 bits, normals by Marsaglia's polar method
// (rejection, log and sqrt only), integers by rejection.
// Every independent stream (participant x session x run x purpose) gets its own engine whose seed
// is derived from the study seed by SplitMix64 mixing, so streams never overlap and the result
// does not depend on the order in which streams are run (thread count).
//
//   SeededRandom rng(derive_seed(study_seed, {participant, session, run, stream::bold}));
//   double z = rng.normal();          // N(0, 1)
//   double u = rng.uniform();         // [0, 1)
#pragma once
#include <cstdint>
#include <initializer_list>
#include <random>

namespace acuroi::simulate {

// Purposes of random streams; part of the derived seed so streams are independent.
namespace stream {
inline constexpr std::uint64_t allocation = 1;   // arm assignment of participants
inline constexpr std::uint64_t participant = 2;  // demographics, anatomy and planted values
inline constexpr std::uint64_t bold = 3;         // one BOLD run
inline constexpr std::uint64_t task = 4;         // task response amplitudes of a participant
inline constexpr std::uint64_t task_events = 5;  // block timing of one task run
}  // namespace stream

// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mix.
std::uint64_t splitmix64(std::uint64_t x);

// Seed of one stream: the study seed mixed with each component in turn.
std::uint64_t derive_seed(std::uint64_t study_seed, std::initializer_list<std::uint64_t> parts);

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next_u64() { return engine_(); }
  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Uniform integer in [0, n) without modulo bias; n > 0.
  std::uint64_t below(std::uint64_t n);
  // Standard normal N(0, 1) (polar method; the second value of a pair serves the next call).
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace acuroi::simulate
