// Motion traces and Power's framewise displacement.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "acuroi/simulate/motion.hpp"

namespace acuroi::simulate {
namespace {

TEST(SimulateMotion, FramewiseDisplacementIsPowers) {
  MotionTrace m;
  for (auto& p : m.parameters) p = {0.0, 0.0, 0.0};
  m.parameters[0] = {0.0, 0.1, -0.2};   // trans_x mm
  m.parameters[4] = {0.0, 0.002, 0.0};  // rot_y rad
  const auto fd = framewise_displacement(m);
  EXPECT_TRUE(std::isnan(fd[0]));
  EXPECT_NEAR(fd[1], 0.1 + 50 * 0.002, 1e-12);
  EXPECT_NEAR(fd[2], 0.3 + 50 * 0.002, 1e-12);
}

TEST(SimulateMotion, SpikesStandOutOfTheRandomWalk) {
  SignalModel model;
  model.spikes_per_100_volumes = 5;
  SeededRandom rng(21);
  const MotionTrace m = simulate_motion(rng, 400, model);
  const auto fd = framewise_displacement(m);
  ASSERT_GE(m.spike_volumes.size(), 8u);  // Poisson mean 20: P(< 8) ~ 1e-4; seed fixed anyway
  double quiet_max = 0;
  for (int t = 1; t < 400; ++t) {
    const bool near_spike = std::any_of(m.spike_volumes.begin(), m.spike_volumes.end(),
                                        [&](int s) { return t == s || t == s + 1; });
    if (!near_spike) quiet_max = std::max(quiet_max, fd[t]);
  }
  // Random-walk FD: 3 |N(0, 0.02)| + 150 |N(0, 0.0003)| has mean ~0.08 mm; far below a spike.
  EXPECT_LT(quiet_max, 0.35);
  for (std::size_t s = 0; s < m.spike_volumes.size(); ++s) {
    EXPECT_GE(fd[m.spike_volumes[s]], m.spike_size_mm[s] - 0.35);  // the jump minus a walk step
    EXPECT_GE(m.spike_size_mm[s], 0.4);
  }
}

}  // namespace
}  // namespace acuroi::simulate
