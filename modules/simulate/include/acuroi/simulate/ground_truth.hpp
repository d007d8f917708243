// acuroi_ground_truth.json: the planted truth of a simulated study, for checking what the pipeline
// recovers. Units (also written into the file under "units"):
//   amplitude_percent        SD of the ROI's planted 0.01-0.08 Hz fluctuation, % of voxel baseline
//   mean_shift_percent       level added to every voxel of the ROI, % of voxel baseline
//   dmn_coupling             fraction of each DMN part's fluctuation variance shared by all parts
//   amplitude_log_ratio      log(post / pre amplitude); amplitude_ratio = exp of it
//   dmn_mean_fluctuation_sd_percent  expected SD of the planted fluctuation of the DMN as one ROI
//                            (baseline-weighted mean of its parts):
//                            amplitude * sqrt(c + (1 - c) sum w^2)
//   between_arm              treatment-arm expected change minus control-arm expected change
// Task runs only (task_design block; absent otherwise):
//   settings.task_design, settings.block_design (timing, HRF), settings.effects.task (nominal
//                            amplitudes, pain ratio and variation per ROI)
//   task_amplitude_percent   per participant x session (and repeated per run): the planted
//                            response amplitude per ROI and condition (pain, touch), % of voxel
//                            baseline = the plateau of a long block (negative: deactivation)
//   task_response_psc        per run: the same relative to the ROI's resting level,
//                            amplitude / (1 + mean_shift_percent / 100) = beta / intercept x 100
//                            of an exact GLM on the noise-free ROI mean
//   roi_effects.<roi>.pain_amplitude_log_ratio   expected log(post/pre) pain amplitude per arm
//                            and between_arm; pain_amplitude_ratio = exp of it;
//                            pain_amplitude_change_percent = nominal pain amplitude x (ratio - 1)
//                            per arm and between_arm (% of voxel baseline)
//   runs[].events            the run's events.tsv (relative path)
//
//   nlohmann::ordered_json truth = ground_truth_json(settings, anatomy, plan, runs);
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acuroi/simulate/anatomy.hpp"
#include "acuroi/simulate/plan.hpp"
#include "acuroi/simulate/settings.hpp"

namespace acuroi::simulate {

// What happened in one written run (files are relative to the dataset root).
struct RunRecord {
  int participant = 0, session = 0, run = 0;
  std::string bold_file, confounds_file;
  std::vector<int> spike_volumes;
  double max_framewise_displacement = 0.0;
  std::vector<double> roi_fluctuation_sd_percent;  // SimulatedRun's, per simulated_rois()
  double dmn_part_correlation = 0.0;
  std::string events_file;  // task runs only
};

// Baseline-weighted share of each DMN part in the DMN (per simulated region; 0 for non-DMN).
std::vector<double> dmn_part_weights(const TemplateAnatomy& anatomy, const SignalModel& model);

double dmn_mean_fluctuation_sd(double amplitude_percent, double coupling,
                               const std::vector<double>& part_weights);

nlohmann::ordered_json ground_truth_json(const SimulationSettings& settings,
                                         const TemplateAnatomy& anatomy,
                                         const std::vector<ParticipantPlan>& plan,
                                         const std::vector<RunRecord>& runs);

}  // namespace acuroi::simulate
