// Registration of the acuroi subcommands and the one place exceptions become exit codes.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>

namespace acuroi::pipeline {

// Adds every subcommand to `app`; each one stores the action to run when it is selected.
void register_commands(CLI::App& app);

// Runs the selected subcommand's action; maps acuroi::core::Error to its exit code.
int run_selected_command();

// Used by the command files: remember `action` as the one to run.
void select_action(std::function<int()> action);

}  // namespace acuroi::pipeline
