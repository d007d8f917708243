// Simulated head motion: six rigid-body parameters per volume, as fMRIPrep reports them
// (trans_x/y/z in mm, rot_x/y/z in radians), and Power's framewise displacement.
//
// Model: each parameter is a Gaussian random walk (small drift), plus a few sudden movements
// ("spikes"): at a spike volume one translation jumps by 0.3-1.2 mm and one rotation by
// 0.002-0.01 rad (random signs); half of the spikes return at the next volume, half persist.
//
//   MotionTrace m = simulate_motion(rng, 120, model);
//   std::vector<double> fd = framewise_displacement(m);   // fd[0] is NaN (n/a)
#pragma once
#include <array>
#include <vector>

#include "acuroi/simulate/random.hpp"
#include "acuroi/simulate/settings.hpp"

namespace acuroi::simulate {

struct MotionTrace {
  // parameters[p][t]: p = trans_x, trans_y, trans_z (mm), rot_x, rot_y, rot_z (rad).
  std::array<std::vector<double>, 6> parameters;
  std::vector<int> spike_volumes;     // volumes where a sudden movement happens (ascending)
  std::vector<double> spike_size_mm;  // displacement of each spike (Power FD of its jump)
};

inline const std::array<const char*, 6> motion_parameter_names{"trans_x", "trans_y", "trans_z",
                                                               "rot_x",   "rot_y",   "rot_z"};

MotionTrace simulate_motion(SeededRandom& rng, int volumes, const SignalModel& model);

// Power et al. (2012): FD_t = sum |d trans| + 50 mm * sum |d rot|; FD_0 = NaN.
std::vector<double> framewise_displacement(const MotionTrace& motion);

}  // namespace acuroi::simulate
