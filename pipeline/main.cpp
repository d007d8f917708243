// acuroi: ROI analysis of pre/post acupuncture neuroimaging studies.
// Each subcommand lives in its own file (command_*.cpp) and registers itself here.
#include <CLI/CLI.hpp>

#include <iostream>

#include "acuroi/core/error.hpp"
#include "acuroi/core/version.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
  using acuroi::core::ExitCode;
  CLI::App app{"acuroi: ROI signals, measures, group statistics and meta-analysis for pre/post "
               "acupuncture neuroimaging"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", "acuroi " + acuroi::core::version());
  acuroi::pipeline::register_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage_error);
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return static_cast<int>(ExitCode::usage_error);
  }
  return acuroi::pipeline::run_selected_command();
}
