// `acuroi version`: the version, for scripts that prefer a subcommand to --version.
#include <iostream>

#include "acuroi/core/version.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {
const CommandRegistration registration{"version", 100, [](CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the acuroi version");
  cmd->callback([] {
    select_action([] {
      std::cout << "acuroi " << core::version() << '\n';
      return 0;
    });
  });
}};
}  // namespace
}  // namespace acuroi::pipeline
