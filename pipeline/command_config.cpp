// `acuroi config --defaults`: the commented default config on stdout.
// `acuroi config --check FILE`: parse and validate FILE; print it resolved (exit 0) or the error
// naming file, line, column, key and value (exit 2).
#include <iostream>
#include <memory>
#include <string>

#include "acuroi/config/config.hpp"
#include "acuroi/core/error.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {
struct ConfigOptions {
  bool defaults = false;
  std::string check_file;
};

int run_config(const ConfigOptions& options) {
  if (options.defaults) {
    std::cout << config::default_config_yaml();
    return 0;
  }
  if (options.check_file.empty())
    throw core::ConfigError("acuroi config: give --defaults or --check FILE");
  const config::Config loaded = config::load_config(options.check_file);
  std::cout << "# " << options.check_file << " is valid; resolved (config_hash "
            << config::config_hash(loaded) << "):\n"
            << config::resolved_yaml(loaded);
  return 0;
}

const CommandRegistration registration{
    "config", 90, [](CLI::App& app) {
      auto options = std::make_shared<ConfigOptions>();
      auto* cmd = app.add_subcommand(
          "config", "Print the default config, or check a config file and print it resolved");
      auto* defaults = cmd->add_flag("--defaults", options->defaults,
                                     "print every key with its default, type, range and doc");
      auto* check = cmd->add_option("--check", options->check_file,
                                    "parse and validate FILE, then print it resolved")
                        ->type_name("FILE");
      defaults->excludes(check);
      cmd->callback([options] { select_action([options] { return run_config(*options); }); });
    }};
}  // namespace
}  // namespace acuroi::pipeline
