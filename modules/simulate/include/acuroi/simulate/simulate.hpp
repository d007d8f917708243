// `acuroi simulate`: writes a deterministic fMRIPrep-style derivatives dataset of a two-arm
// pre/post study with planted ROI effects (see bold.hpp for the signal model, plan.hpp for the
// planted values, ground_truth.hpp for what is recorded).
//
// Layout written under settings.output_dir:
//   dataset_description.json, participants.tsv, acuroi_ground_truth.json
//   sub-<p>/anat/sub-<p>_space-<S>_res-<r>_{label-GM,label-WM,label-CSF}_probseg.nii.gz, _desc-brain_mask.nii.gz
//   sub-<p>/ses-<s>/func/sub-<p>_ses-<s>_task-<t>[_run-<n>]_space-<S>_res-<r>_desc-preproc_bold.nii.gz (+ .json)
//     ..._space-<S>_res-<r>_desc-brain_mask.nii.gz, ..._desc-confounds_timeseries.tsv
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

// Validates the settings (core::ConfigError), refuses a non-empty output directory unless
// `overwrite` is set AND it holds a previous simulation (acuroi_ground_truth.json), in which case the
// previous simulation's files are removed first. Template problems throw core::InputError.
SimulationSummary simulate_dataset(const SimulationSettings& settings, bool overwrite = false);

}  // namespace acuroi::simulate
