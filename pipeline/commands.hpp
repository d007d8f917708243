// Subcommand registration and the one place where exceptions become exit codes.
//
// Each command lives in its own file and registers itself at start-up:
//
//   namespace { const CommandRegistration reg{"extract", 20, [](CLI::App& app) {
//     auto* cmd = app.add_subcommand("extract", "...");
//     ... options bound to a shared_ptr<Options> ...
//     cmd->callback([opts] { select_action([opts] { return run_extract(*opts); }); });
//   }}; }
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace acuroi::pipeline {

// `order` sorts the subcommands in --help (lower first).
struct CommandRegistration {
  CommandRegistration(std::string name, int order, std::function<void(CLI::App&)> add);
};

void register_commands(CLI::App& app);

// Remember `action` as the one to run once parsing is done.
void select_action(std::function<int()> action);

// Runs the selected action; maps acuroi::core::Error to its exit code and prints the message.
int run_selected_command();

}  // namespace acuroi::pipeline
