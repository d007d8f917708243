// `acuroi validate CONFIG`: checks the config and the dataset, then prints the plan.
// Exit 0 when there is work to do; 3 when the dataset has no usable participant, or with
// --strict when it has any problem.
#include <iostream>
#include <memory>

#include "acuroi/config/config.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/participant/plan.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

struct ValidateOptions {
  std::string config_path;
  bool strict = false;
};

int run_validate(const ValidateOptions& options) {
  const auto config = config::load_config(options.config_path);
  const auto study = participant::load_study_inputs(config);
  const auto plan = participant::make_plan(study);
  std::cout << participant::describe_plan(study, plan);
  if (plan.total_volumes == 0)
    throw core::InputError(config.study.dataset.string(), "participants", "0",
                           "no participant has a complete run");
  if (options.strict && !plan.problems.empty())
    throw core::InputError(config.study.dataset.string(), "problems", std::to_string(plan.problems.size()),
                           "the dataset has problems (listed above) and --strict was given");
  std::cout << "config and dataset OK\n";
  return 0;
}

const CommandRegistration registration{"validate", 10, [](CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  auto* cmd = app.add_subcommand("validate", "Check a config and its dataset, then print the plan");
  cmd->add_option("CONFIG", options->config_path, "YAML config")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--strict", options->strict, "Fail (exit 3) when the dataset has any problem");
  cmd->callback([options] { select_action([options] { return run_validate(*options); }); });
}};

}  // namespace
}  // namespace acuroi::pipeline
