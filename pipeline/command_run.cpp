// `acuroi run CONFIG [--threads N] [--memory-budget GB] [--shard i/N] [--stage all|participant|group]
// [--manifest FILE]`: the whole pipeline on one machine, resumable: participants (in parallel,
// skipping the ones already done), then group statistics, then meta-analysis when configured.
// A progress bar on a terminal, timestamped lines otherwise; a summary table at the end.
// Exit 0 when everything asked for is done, 4 when a participant failed, else the error's code.
#include <cstdio>
#include <iostream>
#include <memory>

#include "acuroi/config/config.hpp"
#include "acuroi/hpc/run_study.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

struct RunCommandOptions {
  std::string config_path, shard, stage = "all";
  std::string manifest;
  int threads = -1;
  double memory_budget_gb = -1;
  bool quiet = false;
};

int run_run(const RunCommandOptions& o) {
  const auto config = config::load_config(o.config_path);
  hpc::RunOptions options;
  options.threads = o.threads;
  options.memory_budget_gb = o.memory_budget_gb;
  if (!o.shard.empty()) options.shard = hpc::parse_shard(o.shard);
  options.manifest = o.manifest;
  options.stage = o.stage == "participant" ? hpc::Stage::participant : o.stage == "group" ? hpc::Stage::group : hpc::Stage::all;
  if (!o.quiet) {
    options.progress = &std::cerr;
    options.progress_tty = hpc::stream_is_terminal(stderr);
  }
  const hpc::RunReport report = hpc::run_study(config, options);
  std::cout << hpc::describe_run(report);
  return report.exit_code;
}

const CommandRegistration registration{"run", 12, [](CLI::App& app) {
  auto o = std::make_shared<RunCommandOptions>();
  auto* cmd = app.add_subcommand("run", "The whole pipeline, resumable: participants (in parallel), group, meta");
  cmd->add_option("CONFIG", o->config_path, "YAML config")->required()->check(CLI::ExistingFile);
  cmd->add_option("--threads", o->threads, "Participants in parallel; default extraction.threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--memory-budget", o->memory_budget_gb,
                  "GB that participants in flight may use (estimated); default hpc.memory_budget_gb (0 = 80% of RAM)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--shard", o->shard, "Run only shard i of N (participant level only), e.g. 2/4");
  cmd->add_option("--stage", o->stage, "all | participant (no group) | group (group and meta only)")
      ->check(CLI::IsMember({"all", "participant", "group"}))
      ->capture_default_str();
  cmd->add_option("--manifest", o->manifest, "Shards from this manifest (written by acuroi submit)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--quiet", o->quiet, "No progress display");
  cmd->callback([o] { select_action([o] { return run_run(*o); }); });
}};

}  // namespace
}  // namespace acuroi::pipeline
