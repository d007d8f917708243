#include "acuroi/simulate/settings.hpp"

#include <cmath>
#include <sstream>

#include "acuroi/core/error.hpp"

namespace acuroi::simulate {

const std::vector<SimulatedRegion>& simulated_regions() {
  // AAL (Tzourio-Mazoyer 2002) label values as in /usr/share/mricron/templates/aal.nii.txt.
  static const std::vector<SimulatedRegion> regions{
      {"ACC", "ACC", {31, 32}},               // Cingulum_Ant_L/R
      {"insula", "insula", {29, 30}},         // Insula_L/R
      {"S1", "S1", {57, 58}},                 // Postcentral_L/R
      {"thalamus", "thalamus", {77, 78}},     // Thalamus_L/R
      {"DMN_mPFC", "DMN", {23, 24, 25, 26}},  // Frontal_Sup_Medial_L/R, Frontal_Med_Orb_L/R
      {"DMN_PCC", "DMN", {35, 36}},           // Cingulum_Post_L/R
      {"DMN_precuneus", "DMN", {67, 68}},     // Precuneus_L/R
      {"DMN_angular", "DMN", {65, 66}},       // Angular_L/R
  };
  return regions;
}

const std::vector<std::string>& simulated_rois() {
  static const std::vector<std::string> rois{"ACC", "insula", "S1", "thalamus", "DMN"};
  return rois;
}

EffectModel default_effects() {
  EffectModel e;
  // roi, pre amplitude, amplitude ratio, mean shift; task: pain, touch amplitude, pain ratio.
  // Pain drives the pain network (insula and ACC most) and deactivates the DMN; touch mainly S1
  // and thalamus. Acupuncture lowers the ACC and insula pain responses.
  e.rois = {
      {"ACC", 1.0, 0.75, -2.0, 1.0, 0.1, 0.70}, {"insula", 1.0, 0.78, -1.5, 1.2, 0.1, 0.75},
      {"S1", 1.2, 1.25, 1.5, 0.8, 0.6, 1.0},    {"thalamus", 0.8, 0.80, -1.0, 0.6, 0.3, 1.0},
      {"DMN", 1.2, 1.25, 1.0, -0.4, -0.1, 1.0},
  };
  return e;
}

const char* task_design_name(TaskDesign design) {
  return design == TaskDesign::block ? "block" : "none";
}

void make_noise_free(SignalModel& m) {
  m.noise_percent = 0.0;
  m.global_percent = 0.0;
  m.background_percent = 0.0;
  m.csf_pulsation_percent = 0.0;
  m.drift_percent = 0.0;
  m.session_gain_sd_percent = 0.0;
  m.spike_intensity_percent = 0.0;
  m.motion_signal_percent_per_mm = 0.0;
}

namespace {
template <class T>
void require(bool ok, const std::string& key, const T& value, const std::string& problem) {
  if (ok) return;
  std::ostringstream text;
  text << value;
  throw core::ConfigError("acuroi simulate", 0, 0, key, text.str(), problem);
}

void validate_task_design(const SimulationSettings& s) {
  const BlockDesignSettings& b = s.block_design;
  if (s.task_design == TaskDesign::none) {
    require(b.fluctuation_scale == 1.0, "--fluctuation-scale", b.fluctuation_scale,
            "applies to task runs only (--task-design block)");
    return;
  }
  // Timing is kept in tenths of a second (task.hpp): a block needs at least one.
  require(b.block_duration_s >= 0.1 && b.block_duration_s <= 600, "block_duration_s",
          b.block_duration_s, "must be in [0.1, 600] seconds");
  require(b.rest_min_s > 0 && b.rest_max_s >= b.rest_min_s && b.rest_max_s <= 600, "rest_s",
          b.rest_max_s, "rest must satisfy 0 < rest_min_s <= rest_max_s <= 600 seconds");
  require(b.fluctuation_scale >= 0 && b.fluctuation_scale <= 5, "--fluctuation-scale",
          b.fluctuation_scale, "must be in [0, 5]");
  // Two blocks (one per condition) must fit even with the longest rests.
  std::ostringstream shortest;
  shortest << 2 * (b.rest_max_s + b.block_duration_s);
  require(s.volumes * s.repetition_time_s >= 2 * (b.rest_max_s + b.block_duration_s), "--volumes",
          s.volumes,
          "a block-design run must last at least 2 x (longest rest + block) = " + shortest.str() +
              " s so that both conditions occur");
  require(std::isfinite(s.effects.task_amplitude_log_sd) && s.effects.task_amplitude_log_sd >= 0,
          "task_amplitude_log_sd", s.effects.task_amplitude_log_sd, "must be >= 0");
  for (const RoiEffect& r : s.effects.rois) {
    require(r.pain_amplitude_ratio > 0, "pain_amplitude_ratio (" + r.roi + ")",
            r.pain_amplitude_ratio, "must be > 0");
  }
}

}  // namespace

void validate(const SimulationSettings& s) {
  require(!s.output_dir.empty(), "--out", s.output_dir.string(), "an output directory is required");
  require(s.participants_per_arm >= 1 && s.participants_per_arm <= 999, "--participants",
          s.participants_per_arm, "must be between 1 and 999 per arm");
  require(s.resolution_mm == 2 || s.resolution_mm == 4 || s.resolution_mm == 8, "--resolution",
          s.resolution_mm, "must be 2, 4 or 8 (mm)");
  require(s.volumes >= 10 && s.volumes <= 5000, "--volumes", s.volumes,
          "must be between 10 and 5000");
  require(s.repetition_time_s >= 0.1 && s.repetition_time_s <= 10.0, "--tr", s.repetition_time_s,
          "must be between 0.1 and 10 seconds");
  require(s.runs >= 1 && s.runs <= 99, "--runs", s.runs, "must be between 1 and 99");
  require(!s.task.empty() && s.task.find_first_of("_-./ ") == std::string::npos, "--task", s.task,
          "must be a non-empty BIDS label (letters and digits)");
  require(s.sessions.size() == 2, "sessions", s.sessions.size(),
          "exactly two sessions (pre, post)");
  require(s.arms.size() == 2, "arms", s.arms.size(), "exactly two arms (treatment, control)");
  const double band_width_hz = s.signal.band_high_hz - s.signal.band_low_hz;
  require(band_width_hz > 0 && s.signal.band_high_hz < 0.5 / s.repetition_time_s, "band",
          s.signal.band_high_hz, "band must be non-empty and below the Nyquist frequency");
  require(s.volumes * s.repetition_time_s * s.signal.band_high_hz >= 1.0, "--volumes", s.volumes,
          "the run is too short to hold one frequency of the planted band");
  require(s.signal.noise_percent >= 0 && s.signal.noise_percent <= 50, "--noise-percent",
          s.signal.noise_percent, "must be between 0 and 50");
  require(s.signal.noise_ar1 >= 0 && s.signal.noise_ar1 < 1, "noise_ar1", s.signal.noise_ar1,
          "must be in [0, 1)");
  require(s.bold_step > 0 && std::exp2(std::round(std::log2(s.bold_step))) == s.bold_step,
          "--bold-step", s.bold_step, "must be a power of two (exact int16 scaling)");
  require(s.effects.rois.size() == simulated_rois().size(), "effects", s.effects.rois.size(),
          "one effect per simulated ROI");
  require(s.effects.placebo_fraction >= 0 && s.effects.placebo_fraction <= 1, "--placebo-fraction",
          s.effects.placebo_fraction, "must be in [0, 1]");
  require(s.effects.effect_scale >= 0 && s.effects.effect_scale <= 5, "--effect-scale",
          s.effects.effect_scale, "must be in [0, 5]");
  validate_task_design(s);
}

core::Grid mni_grid(int r) {
  core::Grid g;
  g.dims = {180 / r + 1, 216 / r + 1, 180 / r + 1};
  g.affine << -r, 0, 0, 90,  //
      0, r, 0, -126,         //
      0, 0, r, -72,          //
      0, 0, 0, 1;
  return g;
}

}  // namespace acuroi::simulate
