// Settings of `acuroi simulate`: the study layout, the signal model and the planted effects.
//
// Units: amplitudes, mean shifts and noise are PERCENT OF THE VOXEL'S BASELINE intensity;
// frequencies in Hz; times in seconds; motion in mm and radians. Amplitude effects are ratios
// post/pre of the SD of a region's low-frequency fluctuation; coupling is the fraction of variance
// each DMN part shares with the common DMN component (0..1). Task responses (task_design block) are
// amplitudes in percent of baseline: the plateau a long block of the condition reaches.
//
//   SimulationSettings s;                 // defaults: 10 per arm, 4 mm, 120 volumes, TR 2 s
//   s.output_dir = "demo"; s.seed = 7;
//   core::Grid g = mni_grid(s.resolution_mm);   // FSL MNI152 (LAS) grid at 2, 4 or 8 mm
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/core/grid.hpp"

namespace acuroi::simulate {

// A region whose signal is planted: a set of AAL labels (values in aal.nii.gz).
struct SimulatedRegion {
  std::string name;  // "ACC", "insula", "S1", "thalamus", "DMN_mPFC", ...
  std::string roi;   // the analysis ROI it belongs to ("DMN" for the DMN parts)
  std::vector<int> aal_labels;
};

// The planted regions: ACC, insula, S1, thalamus and the four DMN parts (AAL 1-based labels).
const std::vector<SimulatedRegion>& simulated_regions();
// The analysis ROIs in output order: ACC, insula, S1, thalamus, DMN.
const std::vector<std::string>& simulated_rois();

// Planted pre-session level and acupuncture effect of one analysis ROI.
struct RoiEffect {
  std::string roi;
  double pre_amplitude_percent = 1.0;  // SD of the ROI's 0.01-0.08 Hz fluctuation, pre session
  double amplitude_ratio = 1.0;        // acupuncture arm: expected post/pre amplitude ratio
  double mean_shift_percent = 0.0;     // acupuncture arm: expected post - pre mean signal shift
  // Task runs (task_design block): response amplitude per condition, percent of baseline (the
  // plateau of a long block; negative = deactivation), and the acupuncture arm's expected
  // post/pre ratio of the pain amplitude (touch is the control condition: no planted change).
  double pain_amplitude_percent = 0.0;
  double touch_amplitude_percent = 0.0;
  double pain_amplitude_ratio = 1.0;
};

struct EffectModel {
  std::vector<RoiEffect> rois;        // one per simulated_rois(), same order
  double dmn_pre_coupling = 0.45;     // shared-variance fraction of the DMN parts, pre
  double dmn_coupling_change = 0.20;  // acupuncture arm: expected post - pre coupling change
  double placebo_fraction = 0.15;     // sham arm gets this fraction of every acupuncture effect
  double effect_scale = 1.0;          // multiplies every planted effect (0 = null study)
  // Between-participant variation.
  double amplitude_log_sd = 0.20;         // SD of log pre amplitude across participants
  double amplitude_change_log_sd = 0.10;  // SD of the individual log(post/pre) around its mean
  double mean_sd_percent = 0.5;           // SD of the pre mean level across participants
  double mean_change_sd_percent = 0.5;    // SD of the individual mean shift around its mean
  double coupling_sd = 0.08;
  double coupling_change_sd = 0.06;
  double gm_scale_sd = 0.04;   // participant's overall GM probability scale
  double gm_region_sd = 0.03;  // participant x region GM probability scale
  // Task response variation (multiplicative, so the sign of an amplitude is kept).
  double task_amplitude_log_sd = 0.20;         // SD of log |pre amplitude| across participants
  double task_amplitude_change_log_sd = 0.10;  // SD of the individual log(post/pre) of a condition
};

EffectModel default_effects();

struct SignalModel {
  double gm_baseline = 800.0, wm_baseline = 650.0, csf_baseline = 1000.0;  // scanner units
  double noise_percent = 1.0;                      // voxel AR(1) noise, stationary SD
  double noise_ar1 = 0.4;                          // AR(1) coefficient of the voxel noise
  double band_low_hz = 0.01, band_high_hz = 0.08;  // band of the planted fluctuations
  double global_percent = 0.3;                     // brain-wide fluctuation (0.01-0.1 Hz)
  double background_percent = 0.6;       // each other AAL region's own fluctuation, x GM fraction
  double csf_pulsation_percent = 1.0;    // white fluctuation shared by CSF, x CSF fraction
  double drift_percent = 0.5;            // SD of each drift coefficient (linear + 2 cosines)
  double session_gain_sd_percent = 1.0;  // scanner gain per session (multiplies everything)
  double motion_walk_mm = 0.02;          // SD of each random-walk step of a translation
  double motion_walk_rad = 0.0003;       // ... of a rotation
  double spikes_per_100_volumes = 2.0;   // sudden head movements
  double spike_intensity_percent = 2.0;  // intensity artefact at a spike volume (scaled by size)
  double motion_signal_percent_per_mm = 0.2;  // intensity change per mm of z translation
  double smoothing_fwhm_mm = 4.0;   // GM/tissue partial-volume smoothing (at least the voxel size)
  double wm_mask_threshold = 0.75;  // WM probability >= this -> white_matter / aCompCor mask
  double csf_mask_threshold = 0.5;  // CSF probability >= this -> csf / aCompCor mask
};

// Turns off everything but the planted ROI signals and mean shifts (noise, drift, global,
// background regions, CSF pulsation, motion artefacts, session gain). For validation.
void make_noise_free(SignalModel& model);

enum class BoldStorage { int16_scaled, float32 };

// none: resting-state runs (no events file). block: task runs with the conditions of
// task_conditions() in blocks (see task.hpp), an events.tsv per run and planted responses.
enum class TaskDesign { none, block };
const char* task_design_name(TaskDesign design);  // "none", "block"

// Timing of a block-design task run: before every block a rest drawn uniformly from
// [rest_min_s, rest_max_s] (seeded per run), blocks of block_duration_s alternate between the
// conditions (the first drawn per run), as many as end within the run. Onsets are rounded to
// 0.1 s so the events file holds the exact onsets used.
struct BlockDesignSettings {
  double block_duration_s = 12.0;
  double rest_min_s = 10.0;
  double rest_max_s = 16.0;
  // Multiplies the planted spontaneous ROI fluctuation amplitudes in task runs (1 = as in rest
  // runs; 0 = the task response alone, to validate a task GLM exactly).
  double fluctuation_scale = 1.0;
};

struct SimulationSettings {
  std::filesystem::path output_dir;
  std::uint64_t seed = 1;
  int participants_per_arm = 10;
  int resolution_mm = 4;  // 2, 4 or 8
  int volumes = 120;
  double repetition_time_s = 2.0;
  int runs = 1;
  std::string task = "rest";
  TaskDesign task_design = TaskDesign::none;
  BlockDesignSettings block_design;
  std::vector<std::string> sessions{"pre", "post"};
  std::vector<std::string> arms{"acupuncture", "sham"};
  std::string space = "MNI152NLin6Asym";
  std::filesystem::path templates_dir = "/usr/share/mricron/templates";
  BoldStorage bold_storage = BoldStorage::int16_scaled;
  double bold_step = 0.5;   // scl_slope of int16 storage (a power of two: exact)
  bool noise_free = false;  // informational; set with make_noise_free()
  SignalModel signal;
  EffectModel effects = default_effects();
};

// Throws core::ConfigError naming the setting and the value when a setting is out of range.
void validate(const SimulationSettings& settings);

// The FSL-style MNI152 grid (LAS: x runs right to left) at 2, 4 or 8 mm:
// dims (180/r + 1, 216/r + 1, 180/r + 1), affine [[-r,0,0,90],[0,r,0,-126],[0,0,r,-72]].
core::Grid mni_grid(int resolution_mm);

}  // namespace acuroi::simulate
