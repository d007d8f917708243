// `acuroi submit CONFIG [--dry-run] [--resubmit-failed] [--shards N]`: the study as a SLURM job
// array over shards and a dependent group/meta job (scripts, manifest and job ids under
// <output.dir>/hpc/). --resubmit-failed submits only the shards not done, and a new group job.
#include <iostream>
#include <memory>

#include "acuroi/config/config.hpp"
#include "acuroi/hpc/submit.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

struct SubmitCommandOptions {
  std::string config_path;
  int shards = 0;
  bool dry_run = false, resubmit_failed = false;
};

int run_submit(const SubmitCommandOptions& o) {
  const auto config = config::load_config(o.config_path);
  hpc::SubmitOptions options;
  options.config_path = std::filesystem::absolute(o.config_path).lexically_normal();
  options.acuroi = std::filesystem::read_symlink("/proc/self/exe");
  options.shards = o.shards;
  options.dry_run = o.dry_run;
  options.resubmit_failed = o.resubmit_failed;
  std::cout << hpc::describe_submit(hpc::submit_study(config, options));
  return 0;
}

const CommandRegistration registration{"submit", 14, [](CLI::App& app) {
  auto o = std::make_shared<SubmitCommandOptions>();
  auto* cmd = app.add_subcommand("submit", "Submit the study to SLURM: a job array over shards, then a group/meta job");
  cmd->add_option("CONFIG", o->config_path, "YAML config")->required()->check(CLI::ExistingFile);
  cmd->add_option("--shards", o->shards, "Array tasks; default hpc.shards (0 = one per participant)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--dry-run", o->dry_run, "Write the manifest and scripts, print the sbatch commands, submit nothing");
  cmd->add_flag("--resubmit-failed", o->resubmit_failed,
                "Submit only the shards of the last submission that are not done, and a new group job");
  cmd->callback([o] { select_action([o] { return run_submit(*o); }); });
}};

}  // namespace
}  // namespace acuroi::pipeline
