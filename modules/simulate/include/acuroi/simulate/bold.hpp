// One simulated BOLD run: the voxel time series of the brain mask, as they will be stored.
//
// Model, for brain voxel v and volume t (fractions are percent / 100):
//   y(v,t) = B(v) * [1 + common(t) + artefact(t) * (1/2 + CSF(v)) + CSF(v) * pulsation(t) + S(v,t)]
//            + B(v) * noise_percent/100 * e(v,t)
//   B(v)      = gain(session) * (800 GM(v) + 650 WM(v) + 1000 CSF(v))
//   common(t) = drift(t) + global_percent * g(t)          g: unit band-limited 0.01-0.1 Hz
//   artefact  = motion_signal_percent_per_mm * (trans_z(t) - mean) + at spike volumes
//               +/- spike_intensity_percent * spike size (mm)
//   S(v,t)    = region r of v: mean_shift[r] + amplitude[r] * f_r(t)   (planted; every voxel of r)
//               + in task runs, ROI R of r: pain[R] * x_pain(t) + touch[R] * x_touch(t)
//                 (unit responses of task.hpp; amplitudes of plan.hpp, % of baseline)
//               other AAL label l: GM(v) * background_percent * f_l(t)
//               DMN parts: f_part = sqrt(c) f_DMN + sqrt(1 - c) f_own  (c = planted DMN coupling)
//   e(v,t)    = AR(1) with coefficient noise_ar1 and unit stationary variance
// All f are band_limited_series() (unit variance, planted band); motion per simulate_motion().
// Values are rounded to multiples of `bold_step` for int16 storage (exact: step is a power of two).
//
// Random draws come from one stream per participant x session x run in a fixed order (motion,
// spike signs, drift, global, regions, background labels, pulsation, then voxel noise t-major);
// the block timing of a task run comes from its own stream (stream::task_events).
//
//   SimulatedRun run = simulate_run(settings, anatomy, tissue, plan[p], session, run_index);
//   float y = run.values[t * run.voxels + i];   // brain voxel i (anatomy.mask_voxels[i]), volume t
#pragma once
#include <vector>

#include "acuroi/simulate/anatomy.hpp"
#include "acuroi/simulate/motion.hpp"
#include "acuroi/simulate/plan.hpp"
#include "acuroi/simulate/settings.hpp"
#include "acuroi/simulate/task.hpp"

namespace acuroi::simulate {

struct SimulatedRun {
  int volumes = 0;
  std::size_t voxels = 0;     // brain voxels
  std::vector<float> values;  // [t * voxels + i], as stored in the NIfTI file
  MotionTrace motion;
  // Planted per-region fluctuation of this run, percent of baseline, per simulated_regions():
  // the exact series added to every voxel of the region (without baseline and task response).
  std::vector<std::vector<double>> region_signal_percent;
  // The planted signal of each analysis ROI (simulated_rois()) as its baseline-weighted voxel mean
  // would carry it: SD over the run (percent). Equal to the planted amplitude except for the DMN,
  // whose parts' own components correlate by chance.
  std::vector<double> roi_fluctuation_sd_percent;
  double dmn_part_correlation = 0.0;  // mean pairwise correlation of the DMN parts' planted series
  // Task runs only (empty otherwise): the blocks, and per simulated_rois() the planted task
  // response (percent of baseline) added to every voxel of the ROI.
  std::vector<TaskBlock> task_blocks;
  std::vector<std::vector<double>> task_response_percent;
};

SimulatedRun simulate_run(const SimulationSettings& settings, const TemplateAnatomy& anatomy,
                          const ParticipantTissue& tissue, const ParticipantPlan& participant,
                          int session, int run);

}  // namespace acuroi::simulate
