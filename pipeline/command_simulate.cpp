// `acuroi simulate --out DIR [--seed N] [--participants N] [--resolution 2|4|8] [--volumes T]
//  [--tr S] [--runs R] [--task rest] [--task-design none|block] ...`: writes a deterministic
//  fMRIPrep-style derivatives dataset of a two-arm pre/post study with planted ROI effects and its
//  ground truth (acuroi_ground_truth.json). `--task pain --task-design block` makes task runs
//  (pain / touch blocks, events.tsv, planted responses).
#include <iostream>
#include <memory>

#include "acuroi/simulate/simulate.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

struct SimulateCommandOptions {
  simulate::SimulationSettings settings;
  std::string bold_datatype = "int16";
  std::string task_design = "none";
  bool noise_free = false, overwrite = false;
};

int run_simulate(SimulateCommandOptions o) {
  simulate::SimulationSettings& s = o.settings;
  if (o.bold_datatype == "float32") s.bold_storage = simulate::BoldStorage::float32;
  if (o.task_design == "block") s.task_design = simulate::TaskDesign::block;
  if (o.noise_free) {
    simulate::make_noise_free(s.signal);
    s.noise_free = true;
  }
  const simulate::SimulationSummary summary = simulate::simulate_dataset(s, o.overwrite);
  std::cout << "acuroi simulate: " << summary.participants << " participants, " << summary.runs
            << " runs, " << summary.files.size() << " files, " << summary.bytes << " bytes in "
            << s.output_dir.string() << " (" << summary.seconds << " s)\n";
  return 0;
}

const CommandRegistration registration{
    "simulate", 80, [](CLI::App& app) {
      auto opts = std::make_shared<SimulateCommandOptions>();
      simulate::SimulationSettings& s = opts->settings;
      auto* cmd = app.add_subcommand(
          "simulate", "Write a synthetic fMRIPrep-style pre/post study with planted ROI effects");
      cmd->add_option("--out", s.output_dir, "Output directory (created; must be empty)")
          ->required();
      cmd->add_option("--seed", s.seed, "Random seed: same seed, same bytes")
          ->capture_default_str();
      cmd->add_option("--participants", s.participants_per_arm, "Participants per arm")
          ->capture_default_str();
      cmd->add_option("--resolution", s.resolution_mm,
                      "Voxel size in mm: 2, 4 or 8 (MNI152 FSL grid)")
          ->capture_default_str();
      cmd->add_option("--volumes", s.volumes, "Volumes per run")->capture_default_str();
      cmd->add_option("--tr", s.repetition_time_s, "Repetition time in seconds")
          ->capture_default_str();
      cmd->add_option("--runs", s.runs, "Runs per session (run entity only when > 1)")
          ->capture_default_str();
      cmd->add_option("--task", s.task, "Task label")->capture_default_str();
      cmd->add_option("--task-design", opts->task_design,
                      "none: resting-state runs; block: task runs with pain and touch blocks "
                      "(events.tsv and planted responses)")
          ->check(CLI::IsMember({"none", "block"}))
          ->capture_default_str();
      cmd->add_option("--fluctuation-scale", s.block_design.fluctuation_scale,
                      "Task runs: multiplies the spontaneous ROI fluctuations (0: task response "
                      "only, to validate a task GLM)")
          ->capture_default_str();
      cmd->add_option("--templates", s.templates_dir, "Folder with aal.nii.gz and ch2bet.nii.gz")
          ->capture_default_str();
      cmd->add_option("--placebo-fraction", s.effects.placebo_fraction,
                      "Fraction of every acupuncture effect that the sham arm also gets")
          ->capture_default_str();
      cmd->add_option("--effect-scale", s.effects.effect_scale,
                      "Multiplies every planted effect (0: a null study)")
          ->capture_default_str();
      cmd->add_option("--noise-percent", s.signal.noise_percent, "Voxel noise SD, % of baseline")
          ->capture_default_str();
      cmd->add_option("--bold-datatype", opts->bold_datatype,
                      "BOLD storage: int16 (scaled) or float32")
          ->check(CLI::IsMember({"int16", "float32"}))
          ->capture_default_str();
      cmd->add_option("--bold-step", s.bold_step, "int16 scl_slope (a power of two)")
          ->capture_default_str();
      cmd->add_flag("--noise-free", opts->noise_free,
                    "Only the planted ROI signals: no noise, drift, global signal or artefacts");
      cmd->add_flag("--overwrite", opts->overwrite, "Replace a previous simulation in --out");
      cmd->callback([opts] { select_action([opts] { return run_simulate(*opts); }); });
    }};

}  // namespace
}  // namespace acuroi::pipeline
