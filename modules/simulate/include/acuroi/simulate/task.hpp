// Task runs of the simulator (task_design = block): the block timing of a run, written as BIDS
// events (onset, duration, trial_type; seconds from the first volume), and the unit response of a
// condition, i.e. the regressor the planted response follows.
//
// Timing: rest U(rest_min_s, rest_max_s), block, rest, block, ... (the first rest starts at 0 s),
// conditions alternating with the first one drawn per run; every rest and the block duration are
// rounded to 0.1 s (so are the onsets), and blocks are added while they end within the run
// (T x TR). One seeded stream per participant x session x run (stream::task_events).
//
// Unit response of condition c, sampled at the acquisition times t_i = i x TR:
//   fine grid tau_j = j x dt, dt = TR / 16 (SPM's microtime resolution, fMRI_T = 16)
//   boxcar_c(tau_j) = 1 if onset <= tau_j < onset + duration for a block of c, else 0
//   hrf(tau_k)      = g(tau_k; 6) - g(tau_k; 16) / 6, k = 0 .. ceil(32 / dt), g the gamma density
//                     with unit scale (spm_hrf defaults), scaled to sum 1 over k
//   x_c(t_i)        = sum_k hrf(tau_k) boxcar_c(tau_{16 i - k})
// Because the HRF sums to 1, a long block plateaus at 1: amplitude x x_c is the planted response in
// percent of baseline.
//
//   std::vector<TaskBlock> blocks = plan_task_blocks(rng, settings.block_design, 120, 2.0);
//   std::vector<double> x_pain = condition_response(blocks, 0, 120, 2.0);
#pragma once
#include <array>
#include <string>
#include <vector>

#include "acuroi/simulate/random.hpp"
#include "acuroi/simulate/settings.hpp"

namespace acuroi::simulate {

// Conditions of the block design, in this order everywhere (index = TaskBlock::condition).
inline const std::array<std::string, 2> task_conditions{"pain", "touch"};

inline constexpr int microtime_bins = 16;  // fine grid points per TR

struct TaskBlock {
  double onset_s = 0.0;     // from the acquisition of the first volume
  double duration_s = 0.0;  // block length
  int condition = 0;        // index into task_conditions
};

// The blocks of one run, in time order (at least one per condition when the settings validate).
std::vector<TaskBlock> plan_task_blocks(SeededRandom& rng, const BlockDesignSettings& design,
                                        int volumes, double repetition_time_s);

// SPM's canonical HRF (spm_hrf defaults) on a grid of step dt_s over 0..32 s, summing to 1.
std::vector<double> canonical_hrf(double dt_s);

// x_c at the acquisition times (one value per volume; plateau 1 for a long block).
std::vector<double> condition_response(const std::vector<TaskBlock>& blocks, int condition,
                                       int volumes, double repetition_time_s);

}  // namespace acuroi::simulate
