#include "commands.hpp"

#include <iostream>

#include "acuroi/core/error.hpp"

namespace acuroi::pipeline {

namespace {
std::function<int()> selected_action;
}

void select_action(std::function<int()> action) { selected_action = std::move(action); }

int run_selected_command() {
  using core::ExitCode;
  if (!selected_action) return static_cast<int>(ExitCode::usage_error);
  try {
    return selected_action();
  } catch (const core::Error& e) {
    std::cerr << "acuroi: error: " << e.what() << '\n';
    return static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << "acuroi: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::runtime_failure);
  }
}

// Each command_*.cpp defines one add_*_command; the list grows as commands land.
void register_commands(CLI::App& app) { (void)app; }

}  // namespace acuroi::pipeline
