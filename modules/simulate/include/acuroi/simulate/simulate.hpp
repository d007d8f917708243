// `acuroi simulate`: a deterministic fMRIPrep-style derivatives dataset of a two-arm
// (acupuncture / sham) pre/post study (resting state or block-design task) with planted effects.
//
// The model (details: anatomy.hpp, bold.hpp, plan.hpp, motion.hpp, confounds.hpp):
// - Grid: FSL MNI152 LAS grid at 2, 4 or 8 mm; brain = Colin27 ch2bet > 0 and AAL labels mapped in
//   world space (nearest); GM probability = AAL-grey indicator smoothed with ITK on the 1 mm grid.
// - Voxel signal = tissue baseline (GM 800, WM 650, CSF 1000) x (1 + drift + global fluctuation +
//   motion artefacts + CSF pulsation + region signal) + AR(1) noise (1 %, phi 0.4).
// - Region signals (ACC, insula, S1, thalamus; DMN = mPFC + PCC + precuneus + angular): a level
//   shift plus a 0.01-0.08 Hz fluctuation shared by the region's voxels; the DMN parts share a
//   common component (coupling c). Other AAL regions carry their own weaker fluctuation.
// - Planted: per participant x session ROI amplitude, mean shift and DMN coupling (random
//   participant effects); the acupuncture arm changes them post vs pre, the sham arm by a small
//   placebo fraction. acuroi_ground_truth.json records everything.
// - Task runs (task_design block, e.g. --task pain): pain and touch blocks with jittered rest, a
//   BIDS events.tsv per run, and per ROI and condition a planted response amplitude x (boxcar
//   convolved with SPM's canonical HRF); acupuncture lowers the pain response (task.hpp, plan.hpp).
// - Confounds TSV: fMRIPrep names, computed from the stored BOLD (global_signal is its real mask
//   mean), Power FD from the simulated motion, nipype DVARS and aCompCor, DCT cosines.
// - Randomness: one seeded mt19937_64 per participant / session / run with portable normals.
//
// Layout written under settings.output_dir (S = space, r = resolution in mm):
//   dataset_description.json, participants.tsv, acuroi_ground_truth.json
//   sub-<p>/anat/sub-<p>_space-<S>_res-<r>_label-{GM,WM,CSF}_probseg.nii.gz
//   sub-<p>/anat/sub-<p>_space-<S>_res-<r>_desc-brain_mask.nii.gz
//   sub-<p>/ses-<s>/func/sub-<p>_ses-<s>_task-<t>[_run-<n>]_space-<S>_res-<r>_desc-preproc_bold
//     .nii.gz (+ .json), ..._desc-brain_mask.nii.gz, and ..._desc-confounds_timeseries.tsv
//     (the confounds without space/res, as fMRIPrep names them); task runs also
//     sub-<p>/ses-<s>/func/sub-<p>_ses-<s>_task-<t>[_run-<n>]_events.tsv
// Same settings (seed included) -> byte-identical files, at any thread count.
//
//   SimulationSettings s; s.output_dir = "demo"; s.participants_per_arm = 4;
//   SimulationSummary summary = simulate_dataset(s);
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "acuroi/simulate/settings.hpp"

namespace acuroi::simulate {

struct SimulationSummary {
  int participants = 0;
  int runs = 0;
  std::vector<std::filesystem::path> files;  // relative to output_dir, in a fixed order
  std::uintmax_t bytes = 0;
  double seconds = 0.0;
};

// Validates the settings (core::ConfigError) and refuses a non-empty output directory unless
// `overwrite` is set AND it holds a previous simulation (acuroi_ground_truth.json); then that
// simulation's files are removed first. Template problems throw core::InputError.
SimulationSummary simulate_dataset(const SimulationSettings& settings, bool overwrite = false);

}  // namespace acuroi::simulate
