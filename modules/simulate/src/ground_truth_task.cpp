#include "ground_truth_task.hpp"

#include <cmath>

#include "acuroi/simulate/task.hpp"

namespace acuroi::simulate {

using nlohmann::ordered_json;

void add_task_units(ordered_json& units) {
  units["task_amplitude_percent"] =
      "task response per condition, % of voxel baseline: the plateau a long block reaches "
      "(response = amplitude x boxcar convolved with SPM's canonical HRF summing to 1)";
  units["task_response_psc"] =
      "per run: task amplitude as % of the ROI's resting level, amplitude / (1 + "
      "mean_shift_percent / 100): beta / intercept x 100 of a GLM on the noise-free ROI mean";
  units["pain_amplitude_log_ratio"] = "natural log of post/pre pain amplitude";
  units["pain_amplitude_change_percent"] =
      "expected post - pre change of the pain amplitude at the nominal (median) pre amplitude, "
      "% of voxel baseline";
  units["events"] = "BIDS events.tsv: onset and duration in seconds from the first volume";
}

void add_task_settings(ordered_json& settings, const SimulationSettings& s) {
  const BlockDesignSettings& b = s.block_design;
  settings["task_design"] = task_design_name(s.task_design);
  settings["block_design"] = {
      {"conditions", task_conditions},
      {"block_duration_s", b.block_duration_s},
      {"rest_s", {b.rest_min_s, b.rest_max_s}},
      {"timing_resolution_s", 0.1},
      {"fluctuation_scale", b.fluctuation_scale},
      {"hrf",
       "SPM canonical (spm_hrf defaults): gamma densities of shapes 6 and 16, ratio 1/6, 0-32 s, "
       "sampled every TR/16 and scaled to sum 1"},
      {"microtime_bins", microtime_bins},
      {"frame_times", "i x TR"}};
  const EffectModel& e = s.effects;
  ordered_json task = {{"amplitude_log_sd", e.task_amplitude_log_sd},
                       {"amplitude_change_log_sd", e.task_amplitude_change_log_sd}};
  for (const RoiEffect& r : e.rois) {
    task["rois"][r.roi] = {{"pain_amplitude_percent", r.pain_amplitude_percent},
                           {"touch_amplitude_percent", r.touch_amplitude_percent},
                           {"pain_amplitude_ratio", r.pain_amplitude_ratio}};
  }
  settings["effects"]["task"] = task;
}

void add_task_roi_effects(ordered_json& roi_effects, const SimulationSettings& s) {
  const ArmEffect treated = arm_effect(s.effects, 0), control = arm_effect(s.effects, 1);
  const auto triple = [&](double a, double b) {
    return ordered_json{{s.arms[0], a}, {s.arms[1], b}, {"between_arm", a - b}};
  };
  for (std::size_t r = 0; r < s.effects.rois.size(); ++r) {
    const double la = treated.pain_amplitude_log_ratio[r];
    const double lb = control.pain_amplitude_log_ratio[r];
    const double nominal = s.effects.rois[r].pain_amplitude_percent;
    ordered_json& roi = roi_effects[s.effects.rois[r].roi];
    roi["pain_amplitude_log_ratio"] = triple(la, lb);
    roi["pain_amplitude_ratio"] = {{s.arms[0], std::exp(la)}, {s.arms[1], std::exp(lb)}};
    roi["pain_amplitude_change_percent"] =
        triple(nominal * (std::exp(la) - 1.0), nominal * (std::exp(lb) - 1.0));
  }
}

namespace {

ordered_json per_roi(const SessionPlan& session, double (*value)(const RoiSessionValues&, int)) {
  ordered_json out;
  for (std::size_t r = 0; r < simulated_rois().size(); ++r) {
    for (int c = 0; c < static_cast<int>(task_conditions.size()); ++c) {
      out[simulated_rois()[r]][task_conditions[c]] = value(session.rois[r], c);
    }
  }
  return out;
}

double amplitude(const RoiSessionValues& v, int condition) {
  return condition == 0 ? v.pain_amplitude_percent : v.touch_amplitude_percent;
}

}  // namespace

ordered_json task_amplitudes_json(const SessionPlan& session) {
  return per_roi(session, amplitude);
}

ordered_json task_response_psc_json(const SessionPlan& session) {
  return per_roi(session, [](const RoiSessionValues& v, int condition) {
    return amplitude(v, condition) / (1.0 + v.mean_shift_percent / 100.0);
  });
}

}  // namespace acuroi::simulate
