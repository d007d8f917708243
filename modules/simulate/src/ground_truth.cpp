#include "acuroi/simulate/ground_truth.hpp"

#include <cmath>

#include "acuroi/core/version.hpp"
#include "ground_truth_task.hpp"

namespace acuroi::simulate {

using nlohmann::ordered_json;

std::vector<double> dmn_part_weights(const TemplateAnatomy& a, const SignalModel& m) {
  const auto& regions = simulated_regions();
  std::vector<double> weight(regions.size(), 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < a.mask_voxels.size(); ++i) {
    if (a.region[i] < 0 || regions[a.region[i]].roi != "DMN") continue;
    const double gm = a.gm_probability[i], rest = 1.0 - gm;
    const double baseline = m.gm_baseline * gm + m.wm_baseline * rest * a.wm_share[i] +
                            m.csf_baseline * rest * (1.0 - a.wm_share[i]);
    weight[a.region[i]] += baseline;
    total += baseline;
  }
  for (double& w : weight) w /= total;
  return weight;
}

double dmn_mean_fluctuation_sd(double amplitude, double coupling, const std::vector<double>& w) {
  double sum_sq = 0.0;
  for (double x : w) sum_sq += x * x;
  return amplitude * std::sqrt(coupling + (1.0 - coupling) * sum_sq);
}

namespace {

ordered_json units_json() {
  return {
      {"amplitude_percent",
       "SD of the ROI's planted band-limited fluctuation, % of voxel baseline"},
      {"mean_shift_percent", "level added to every voxel of the ROI, % of voxel baseline"},
      {"dmn_coupling", "fraction of each DMN part's fluctuation variance shared by all parts"},
      {"amplitude_log_ratio", "natural log of post/pre amplitude"},
      {"dmn_mean_fluctuation_sd_percent",
       "expected SD of the planted fluctuation of the DMN as one ROI (baseline-weighted parts)"},
      {"between_arm", "treatment-arm expected change minus control-arm expected change"},
      {"roi_fluctuation_sd_percent",
       "per run: SD of the planted signal of the ROI's baseline-weighted voxel mean (realised)"},
      {"dmn_part_correlation",
       "per run: mean pairwise correlation of the DMN parts' planted series"},
      {"motion", "mm and radians; framewise displacement after Power et al. 2012"}};
}

ordered_json settings_json(const SimulationSettings& s) {
  const SignalModel& m = s.signal;
  const EffectModel& e = s.effects;
  ordered_json signal = {{"gm_baseline", m.gm_baseline},
                         {"wm_baseline", m.wm_baseline},
                         {"csf_baseline", m.csf_baseline},
                         {"noise_percent", m.noise_percent},
                         {"noise_ar1", m.noise_ar1},
                         {"band_hz", {m.band_low_hz, m.band_high_hz}},
                         {"global_percent", m.global_percent},
                         {"background_percent", m.background_percent},
                         {"csf_pulsation_percent", m.csf_pulsation_percent},
                         {"drift_percent", m.drift_percent},
                         {"session_gain_sd_percent", m.session_gain_sd_percent},
                         {"motion_walk_mm", m.motion_walk_mm},
                         {"motion_walk_rad", m.motion_walk_rad},
                         {"spikes_per_100_volumes", m.spikes_per_100_volumes},
                         {"spike_intensity_percent", m.spike_intensity_percent},
                         {"motion_signal_percent_per_mm", m.motion_signal_percent_per_mm},
                         {"smoothing_fwhm_mm", m.smoothing_fwhm_mm},
                         {"wm_mask_threshold", m.wm_mask_threshold},
                         {"csf_mask_threshold", m.csf_mask_threshold}};
  ordered_json effects = {{"dmn_pre_coupling", e.dmn_pre_coupling},
                          {"dmn_coupling_change", e.dmn_coupling_change},
                          {"placebo_fraction", e.placebo_fraction},
                          {"effect_scale", e.effect_scale},
                          {"amplitude_log_sd", e.amplitude_log_sd},
                          {"amplitude_change_log_sd", e.amplitude_change_log_sd},
                          {"mean_sd_percent", e.mean_sd_percent},
                          {"mean_change_sd_percent", e.mean_change_sd_percent},
                          {"coupling_sd", e.coupling_sd},
                          {"coupling_change_sd", e.coupling_change_sd},
                          {"gm_scale_sd", e.gm_scale_sd},
                          {"gm_region_sd", e.gm_region_sd}};
  for (const RoiEffect& r : e.rois) {
    effects["rois"][r.roi] = {{"pre_amplitude_percent", r.pre_amplitude_percent},
                              {"amplitude_ratio", r.amplitude_ratio},
                              {"mean_shift_percent", r.mean_shift_percent}};
  }
  return {{"participants_per_arm", s.participants_per_arm},
          {"resolution_mm", s.resolution_mm},
          {"volumes", s.volumes},
          {"repetition_time_s", s.repetition_time_s},
          {"runs", s.runs},
          {"task", s.task},
          {"sessions", s.sessions},
          {"arms", s.arms},
          {"space", s.space},
          {"bold_storage", s.bold_storage == BoldStorage::float32 ? "float32" : "int16"},
          {"bold_step", s.bold_step},
          {"noise_free", s.noise_free},
          {"signal", signal},
          {"effects", effects}};
}

ordered_json roi_effects_json(const SimulationSettings& s) {
  const ArmEffect treated = arm_effect(s.effects, 0), control = arm_effect(s.effects, 1);
  const auto triple = [&](double a, double b) {
    return ordered_json{{s.arms[0], a}, {s.arms[1], b}, {"between_arm", a - b}};
  };
  ordered_json out;
  for (std::size_t r = 0; r < simulated_rois().size(); ++r) {
    const double la = treated.amplitude_log_ratio[r], lb = control.amplitude_log_ratio[r];
    ordered_json roi = {{"amplitude_log_ratio", triple(la, lb)},
                        {"amplitude_ratio", {{s.arms[0], std::exp(la)}, {s.arms[1], std::exp(lb)}}},
                        {"mean_shift_percent",
                         triple(treated.mean_shift_percent[r], control.mean_shift_percent[r])}};
    if (simulated_rois()[r] == "DMN") {
      roi["coupling_change"] = triple(treated.dmn_coupling_change, control.dmn_coupling_change);
    }
    out[simulated_rois()[r]] = roi;
  }
  return out;
}

ordered_json roi_values(const std::vector<double>& values) {
  ordered_json out;
  for (std::size_t r = 0; r < values.size() && r < simulated_rois().size(); ++r)
    out[simulated_rois()[r]] = values[r];
  return out;
}

ordered_json participant_json(const SimulationSettings& s, const ParticipantPlan& p,
                              const std::vector<double>& weights) {
  ordered_json gm_scale;
  for (std::size_t r = 0; r < simulated_regions().size(); ++r) {
    gm_scale[simulated_regions()[r].name] = p.region_gm_scale[r];
  }
  ordered_json sessions;
  for (const SessionPlan& sp : p.sessions) {
    ordered_json rois;
    for (std::size_t r = 0; r < simulated_rois().size(); ++r) {
      rois[simulated_rois()[r]] = {{"amplitude_percent", sp.rois[r].amplitude_percent},
                                   {"mean_shift_percent", sp.rois[r].mean_shift_percent}};
    }
    const double dmn_amplitude = sp.rois.back().amplitude_percent;
    sessions[sp.session] = {{"gain", sp.gain},
                            {"rois", rois},
                            {"dmn_coupling", sp.dmn_coupling},
                            {"dmn_mean_fluctuation_sd_percent",
                             dmn_mean_fluctuation_sd(dmn_amplitude, sp.dmn_coupling, weights)}};
    if (s.task_design != TaskDesign::none) {
      sessions[sp.session]["task_amplitude_percent"] = task_amplitudes_json(sp);
    }
  }
  return {{"participant_id", "sub-" + p.label},
          {"arm", s.arms[p.arm]},
          {"age", p.age},
          {"sex", p.sex},
          {"gm_scale", p.gm_scale},
          {"region_gm_scale", gm_scale},
          {"sessions", sessions}};
}

}  // namespace

ordered_json ground_truth_json(const SimulationSettings& s, const TemplateAnatomy& anatomy,
                               const std::vector<ParticipantPlan>& plan,
                               const std::vector<RunRecord>& runs) {
  const std::vector<double> weights = dmn_part_weights(anatomy, s.signal);
  ordered_json regions = ordered_json::array();
  for (std::size_t r = 0; r < simulated_regions().size(); ++r) {
    const SimulatedRegion& region = simulated_regions()[r];
    regions.push_back({{"name", region.name},
                       {"roi", region.roi},
                       {"atlas", "AAL (mricron aal.nii.gz)"},
                       {"aal_labels", region.aal_labels},
                       {"voxels_in_brain_mask", anatomy.region_voxel_count[r]},
                       {"dmn_weight", weights[r]}});
  }
  ordered_json participants = ordered_json::array();
  for (const ParticipantPlan& p : plan) participants.push_back(participant_json(s, p, weights));
  ordered_json run_list = ordered_json::array();
  for (const RunRecord& r : runs) {
    run_list.push_back({{"participant_id", "sub-" + plan[r.participant].label},
                        {"session", s.sessions[r.session]},
                        {"run", r.run + 1},
                        {"bold", r.bold_file},
                        {"confounds", r.confounds_file},
                        {"spike_volumes", r.spike_volumes},
                        {"max_framewise_displacement_mm", r.max_framewise_displacement},
                        {"roi_fluctuation_sd_percent", roi_values(r.roi_fluctuation_sd_percent)},
                        {"dmn_part_correlation", r.dmn_part_correlation}});
    if (s.task_design != TaskDesign::none) {
      const SessionPlan& session = plan[r.participant].sessions[r.session];
      run_list.back()["events"] = r.events_file;
      run_list.back()["task_amplitude_percent"] = task_amplitudes_json(session);
      run_list.back()["task_response_psc"] = task_response_psc_json(session);
    }
  }
  ordered_json affine = ordered_json::array();
  for (int row = 0; row < 4; ++row) {
    affine.push_back({anatomy.grid.affine(row, 0), anatomy.grid.affine(row, 1),
                      anatomy.grid.affine(row, 2), anatomy.grid.affine(row, 3)});
  }
  ordered_json units = units_json(), settings = settings_json(s), effects = roi_effects_json(s);
  if (s.task_design != TaskDesign::none) {
    add_task_units(units);
    add_task_settings(settings, s);
    add_task_roi_effects(effects, s);
  }
  return {{"generator", "acuroi simulate " + core::version()},
          {"seed", s.seed},
          {"units", units},
          {"settings", settings},
          {"grid",
           {{"dims", anatomy.grid.dims},
            {"affine", affine},
            {"brain_voxels", anatomy.mask_voxels.size()},
            {"smoothing_fwhm_mm", anatomy.smoothing_fwhm_mm}}},
          {"regions", regions},
          {"roi_effects", effects},
          {"participants", participants},
          {"runs", run_list}};
}

}  // namespace acuroi::simulate
