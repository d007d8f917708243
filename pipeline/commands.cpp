#include "commands.hpp"

#include <algorithm>
#include <iostream>
#include <vector>

#include "acuroi/core/error.hpp"

namespace acuroi::pipeline {

namespace {
struct Entry {
  std::string name;
  int order;
  std::function<void(CLI::App&)> add;
};
std::vector<Entry>& registry() {
  static std::vector<Entry> entries;
  return entries;
}
std::function<int()>& selected_action() {
  static std::function<int()> action;
  return action;
}
}  // namespace

CommandRegistration::CommandRegistration(std::string name, int order,
                                         std::function<void(CLI::App&)> add) {
  registry().push_back({std::move(name), order, std::move(add)});
}

void register_commands(CLI::App& app) {
  auto entries = registry();
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.order != b.order ? a.order < b.order : a.name < b.name;
  });
  for (const auto& e : entries) e.add(app);
}

void select_action(std::function<int()> action) { selected_action() = std::move(action); }

int run_selected_command() {
  using core::ExitCode;
  if (!selected_action()) return static_cast<int>(ExitCode::usage_error);
  try {
    return selected_action()();
  } catch (const core::Error& e) {
    std::cerr << "acuroi: error: " << e.what() << '\n';
    return static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << "acuroi: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::runtime_failure);
  }
}

}  // namespace acuroi::pipeline
