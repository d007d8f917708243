// `acuroi status CONFIG [--no-scheduler]`: every participant done / failed / stale / pending with
// the reason, the group step, and the scheduler's view of the last SLURM submission when jobs
// were recorded. Exit 0 when everything is done, 4 when not.
#include <iostream>
#include <memory>

#include "acuroi/config/config.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/hpc/study_status.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

struct StatusCommandOptions {
  std::string config_path;
  bool no_scheduler = false;
};

int run_status(const StatusCommandOptions& o) {
  const auto config = config::load_config(o.config_path);
  const hpc::StudyStatus status = hpc::study_status(config, !o.no_scheduler);
  std::cout << hpc::describe_status(status);
  return status.all_done() ? 0 : static_cast<int>(core::ExitCode::partial_failure);
}

const CommandRegistration registration{"status", 13, [](CLI::App& app) {
  auto o = std::make_shared<StatusCommandOptions>();
  auto* cmd = app.add_subcommand("status", "What is done, failed, stale or pending (exit 0 only when all is done)");
  cmd->add_option("CONFIG", o->config_path, "YAML config")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--no-scheduler", o->no_scheduler, "Do not ask SLURM about recorded jobs");
  cmd->callback([o] { select_action([o] { return run_status(*o); }); });
}};

}  // namespace
}  // namespace acuroi::pipeline
