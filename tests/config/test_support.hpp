// Helpers for the config tests: a scratch folder, file writing, capturing errors, running
// programs (the acuroi binary, /usr/bin/python3 with PyYAML) and reading their output.
#pragma once
#include <filesystem>
#include <functional>
#include <string>

namespace acuroi::config::testing {

// A fresh folder under the temp dir, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to path()/relative (creating folders); returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

// The message of the core::ConfigError `action` throws; a test failure (and "") if none.
std::string config_error_of(const std::function<void()>& action);

struct ProgramResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs a shell command line; captures stdout and stderr.
ProgramResult run_program(const std::string& command_line);

std::string read_file(const std::filesystem::path& path);
std::string source_path(const std::string& relative);  // ACUROI_SOURCE_DIR/relative

}  // namespace acuroi::config::testing
