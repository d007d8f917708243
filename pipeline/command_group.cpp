// `acuroi group CONFIG [--threads N]`: group-level statistics within the study, from the
// participant files under output.dir to <output.dir>/group/ (HDF5 + TSV). Exit 0 ok, 2 config
// error, 3 input error (no participant files, a study-level problem such as an arm with fewer
// than 2 participants or a missing covariate).
#include <iostream>
#include <memory>

#include "acuroi/config/config.hpp"
#include "acuroi/group/run.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

struct GroupCommandOptions {
  std::string config_path;
  int threads = 0;
};

int run_group_command(const GroupCommandOptions& options) {
  const auto config = config::load_config(options.config_path);
  const group::GroupRunSummary summary = group::run_group(config, options.threads);
  std::cout << group::describe_group_run(summary);
  return 0;
}

const CommandRegistration registration{
    "group", 30, [](CLI::App& app) {
      auto options = std::make_shared<GroupCommandOptions>();
      auto* cmd = app.add_subcommand(
          "group",
          "Group statistics within the study: pre/post tests, effect sizes, ANCOVA, "
          "permutations (HDF5 + TSV)");
      cmd->add_option("CONFIG", options->config_path, "YAML config")
          ->required()
          ->check(CLI::ExistingFile);
      cmd->add_option("--threads", options->threads, "Threads for the permutations; 0 = all cores")
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str();
      cmd->callback(
          [options] { select_action([options] { return run_group_command(*options); }); });
    }};

}  // namespace
}  // namespace acuroi::pipeline
