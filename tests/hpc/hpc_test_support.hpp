// Helpers for the hpc tests: a scratch folder per process, running the acuroi binary, a copy of
// the demo dataset with a config pointing at it, and comparing output trees.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace acuroi::hpc::testing {

namespace fs = std::filesystem;

struct Ran {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};
// Runs a shell command line; captures stdout and stderr together.
Ran run(const std::string& command);
// Runs the acuroi binary with these arguments (each shell-quoted).
Ran acuroi(const std::vector<std::string>& args);

// A fresh folder under the temp dir, removed at the end (ctest runs each test in its own process).
class Scratch {
 public:
  explicit Scratch(const std::string& name);
  ~Scratch();
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Copies data-samples/demo to `to` (file times are those of the copy).
void copy_demo_dataset(const fs::path& to);

// configs/demo.yaml with its dataset, preset and output dir made absolute (`dataset`, `out`),
// plus `extra` YAML appended; written to `path`.
fs::path write_demo_config(const fs::path& path, const fs::path& dataset, const fs::path& out,
                           const std::string& extra = "");

std::string read_file(const fs::path& path);
void write_file(const fs::path& path, const std::string& text);

// Relative path -> contents of every regular file under `root`, except logs/, hpc/ and the resume
// markers, with ISO-8601 UTC timestamps and 64-hex-digit SHA-256 strings replaced by fixed text
// (the creation times, and the hashes of files that contain them, are the only parts of the
// outputs that depend on when they were written).
std::map<std::string, std::string> output_tree(const fs::path& root);

// The first difference between two output trees ("" when equal).
std::string tree_difference(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b);

}  // namespace acuroi::hpc::testing
