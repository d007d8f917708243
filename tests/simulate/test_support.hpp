// Helpers shared by the end-to-end tests of `acuroi simulate`: a temporary folder, running a
// command (the acuroi binary, python checks) and hashing every file of a dataset.
#pragma once
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "acuroi/core/hash.hpp"

namespace acuroi::simulate::test_support {

namespace fs = std::filesystem;

// A fresh directory under the system temp folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "acuroi-simulate-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct CommandResult {
  int exit_code;
  std::string output;
};

inline CommandResult run(const std::string& command) {
  CommandResult result{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  while (fgets(buffer.data(), buffer.size(), pipe)) result.output += buffer.data();
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

inline CommandResult simulate_with_binary(const fs::path& out, const std::string& args) {
  return run(std::string(ACUROI_BINARY) + " simulate --out " + quoted(out) + " " + args);
}

// sha256 of every file under root, by relative path.
inline std::map<std::string, std::string> hashes_of(const fs::path& root) {
  std::map<std::string, std::string> hashes;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file())
      hashes[fs::relative(e.path(), root).generic_string()] = core::sha256_file(e.path());
  }
  return hashes;
}

// Runs tests/simulate/<script> DATASET CHECK with the system python (numpy, scipy, nibabel).
inline CommandResult python_check(const std::string& script, const fs::path& dataset,
                                  const std::string& check) {
  return run(std::string(ACUROI_PYTHON) + " " +
             quoted(fs::path(ACUROI_SOURCE_DIR) / "tests/simulate" / script) + " " +
             quoted(dataset) + " " + check);
}

}  // namespace acuroi::simulate::test_support
