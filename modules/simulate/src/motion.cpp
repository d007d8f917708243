#include "acuroi/simulate/motion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace acuroi::simulate {

namespace {
constexpr double head_radius_mm =
    50.0;  // Power et al. 2012: rotations as arc length on a 50 mm sphere

double random_sign(SeededRandom& rng) { return rng.uniform() < 0.5 ? -1.0 : 1.0; }
}  // namespace

MotionTrace simulate_motion(SeededRandom& rng, int volumes, const SignalModel& model) {
  MotionTrace m;
  for (auto& p : m.parameters) p.assign(volumes, 0.0);
  // Random walks, starting at 0 (fMRIPrep's parameters are relative to a reference volume).
  for (int p = 0; p < 6; ++p) {
    const double step_sd = p < 3 ? model.motion_walk_mm : model.motion_walk_rad;
    for (int t = 1; t < volumes; ++t)
      m.parameters[p][t] = m.parameters[p][t - 1] + rng.normal(0, step_sd);
  }
  // Spikes: a Bernoulli draw per volume (never the first), so the count scales with run length.
  const double spike_probability = model.spikes_per_100_volumes / 100.0;
  for (int t = 1; t < volumes; ++t) {
    if (rng.uniform() >= spike_probability) continue;
    const int axis = static_cast<int>(rng.below(3));
    const double jump_mm = random_sign(rng) * rng.uniform(0.3, 1.2);
    const double jump_rad = random_sign(rng) * rng.uniform(0.002, 0.01);
    const int rot_axis = 3 + static_cast<int>(rng.below(3));
    const bool returns = rng.uniform() < 0.5;
    const int end = returns ? std::min(t + 1, volumes) : volumes;
    for (int s = t; s < end; ++s) {
      m.parameters[axis][s] += jump_mm;
      m.parameters[rot_axis][s] += jump_rad;
    }
    m.spike_volumes.push_back(t);
    m.spike_size_mm.push_back(std::abs(jump_mm) + head_radius_mm * std::abs(jump_rad));
  }
  return m;
}

std::vector<double> framewise_displacement(const MotionTrace& motion) {
  const std::size_t volumes = motion.parameters[0].size();
  std::vector<double> fd(volumes, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t t = 1; t < volumes; ++t) {
    double sum = 0.0;
    for (int p = 0; p < 6; ++p) {
      const double delta = std::abs(motion.parameters[p][t] - motion.parameters[p][t - 1]);
      sum += p < 3 ? delta : head_radius_mm * delta;
    }
    fd[t] = sum;
  }
  return fd;
}

}  // namespace acuroi::simulate
