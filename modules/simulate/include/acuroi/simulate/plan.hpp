// The planted truth of a simulated study: participants, their arm, demographics, anatomy scaling,
// and per session the values of every ROI's signal. Drawn once per participant from its own
// seeded stream, so a participant's values do not depend on how many others there are.
//
// Per participant p, ROI r, session s (pre = 0, post = 1):
//   log amplitude[p,r,pre]  = log(pre_amplitude_percent[r]) + N(0, amplitude_log_sd)
//   log amplitude[p,r,post] = log amplitude[p,r,pre] + arm_log_ratio[arm,r]
//                             + N(0, amplitude_change_log_sd)
//   mean[p,r,pre]  = N(0, mean_sd_percent);  mean[p,r,post] = mean[p,r,pre] + arm_mean_shift[arm,r]
//                                                             + N(0, mean_change_sd_percent)
//   coupling[p,pre] = clamp(dmn_pre_coupling + N(0, coupling_sd), 0.05, 0.95), post likewise
//                     + arm coupling change + N(0, coupling_change_sd)
// with the arm effects of arm_effect(): the treatment arm gets effect_scale x the ROI's effect,
// the control arm placebo_fraction x that. In task runs (task_design block) the amplitudes are
// multiplied by block_design.fluctuation_scale, and from a second stream (stream::task), per ROI:
//   pain[p,r,pre]   = pain_amplitude_percent[r] x exp(N(0, task_amplitude_log_sd))
//   pain[p,r,post]  = pain[p,r,pre] x exp(arm_pain_log_ratio[arm,r]
//                                         + N(0, task_amplitude_change_log_sd))
//   touch[p,r,pre]  = touch_amplitude_percent[r] x exp(N(0, task_amplitude_log_sd))
//   touch[p,r,post] = touch[p,r,pre] x exp(N(0, task_amplitude_change_log_sd))
// (drawn in this order per ROI; zero without a task design).
//
//   std::vector<ParticipantPlan> plan = plan_study(settings);
//   double a = plan[0].sessions[1].rois[0].amplitude_percent;   // sub-01, post, ACC
#pragma once
#include <string>
#include <vector>

#include "acuroi/simulate/settings.hpp"

namespace acuroi::simulate {

struct RoiSessionValues {
  double amplitude_percent = 0.0;   // SD of the ROI's band-limited fluctuation (% of baseline)
  double mean_shift_percent = 0.0;  // added to the ROI's signal level (% of baseline)
  // Task runs: response amplitude per condition (% of baseline; plateau of a long block).
  double pain_amplitude_percent = 0.0;
  double touch_amplitude_percent = 0.0;
};

struct SessionPlan {
  std::string session;                 // "pre" / "post"
  double gain = 1.0;                   // scanner gain multiplying the whole session
  std::vector<RoiSessionValues> rois;  // in simulated_rois() order
  double dmn_coupling = 0.0;           // shared-variance fraction of the DMN parts
};

struct ParticipantPlan {
  std::string label;  // "01" (participant_id "sub-01")
  int index = 0;      // 0-based position in participants.tsv
  int arm = 0;        // index into settings.arms (0 = treatment)
  int age = 0;
  std::string sex;                      // "M" / "F"
  double gm_scale = 1.0;                // multiplies the GM probability everywhere
  std::vector<double> region_gm_scale;  // per simulated_regions(), multiplies it inside the region
  std::vector<SessionPlan> sessions;    // in settings.sessions order
};

// Expected post - pre change of an arm (log amplitude ratio, mean shift, coupling change).
struct ArmEffect {
  std::vector<double> amplitude_log_ratio;  // per simulated_rois()
  std::vector<double> mean_shift_percent;   // per simulated_rois()
  double dmn_coupling_change = 0.0;
  std::vector<double> pain_amplitude_log_ratio;  // per simulated_rois(), task runs
};

ArmEffect arm_effect(const EffectModel& effects, int arm);

// Participant labels "01", "02", ... (width at least 2), arms allocated by a seeded permutation
// with exactly participants_per_arm in each arm.
std::vector<ParticipantPlan> plan_study(const SimulationSettings& settings);

}  // namespace acuroi::simulate
