// Small helpers for the io_tables tests: a fresh temporary folder per test, text files, Python.
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::test {

namespace fs = std::filesystem;

// A folder unique to the running test, removed at the end.
class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() / ("acuroi_io_tables_" + std::to_string(::getpid()) + "_" +
                                         info->test_suite_name() + "_" + info->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the cross-check script with `arguments`; returns its exit status (0 = success).
inline int run_crosscheck(const std::string& arguments) {
  const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                              "/tests/io_tables/table_crosscheck.py " + arguments;
  return std::system(command.c_str());
}

// The message of the core::InputError that `action` throws ("" and a test failure if none).
template <class Action>
std::string input_error_of(Action action) {
  try {
    action();
  } catch (const core::InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a core::InputError";
  return {};
}

}  // namespace acuroi::test
