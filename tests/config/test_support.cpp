#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "acuroi/core/error.hpp"

namespace acuroi::config::testing {

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string name = info ? std::string(info->test_suite_name()) + "_" + info->name() : "t";
  path_ = std::filesystem::temp_directory_path() / ("acuroi_config_" + std::to_string(::getpid()) +
                                                    "_" + std::to_string(counter++) + "_" + name);
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path ScratchDir::write(const std::string& relative,
                                        const std::string& text) const {
  const auto file = path_ / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

std::string config_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const core::ConfigError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected core::ConfigError, got another exception: " << e.what();
    return "";
  }
  ADD_FAILURE() << "expected core::ConfigError, nothing was thrown";
  return "";
}

ProgramResult run_program(const std::string& command_line) {
  ScratchDir scratch;
  const auto out = scratch.path() / "stdout", err = scratch.path() / "stderr";
  const std::string full = command_line + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(full.c_str());
  ProgramResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string source_path(const std::string& relative) {
  return (std::filesystem::path(ACUROI_SOURCE_DIR) / relative).lexically_normal().string();
}

}  // namespace acuroi::config::testing
