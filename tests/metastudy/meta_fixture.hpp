// Test helpers for `acuroi meta CONFIG`: three simulated studies run through the real pipeline
// (acuroi simulate → participant → group, 8 mm, 5–6 participants per arm, 100 volumes, no
// permutations), built once per acuroi binary and shared by every test process (a lock file
// guards the first build); scratch folders; running programs.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace meta_test {

struct SimulatedStudy {
  std::string name;                 // trialA, trialB, trialC
  std::filesystem::path root;       // <fixture>/<name>
  std::filesystem::path dataset;    // root/data (with acuroi_ground_truth.json)
  std::filesystem::path output;     // root/out (out/group holds the group outputs)
  std::filesystem::path config;     // root/study.yaml
};

// The three studies (seeds 11, 21, 31; effect scales 3, 4, 5; 5, 6, 6 participants per arm).
// Builds them on first use; a failure of the pipeline fails the calling test.
const std::vector<SimulatedStudy>& simulated_studies();

class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& relative, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

struct ProgramResult {
  int exit_code = -1;
  std::string out, err;
};
ProgramResult run_program(const std::string& command_line);
ProgramResult run_acuroi(const std::string& arguments);  // ACUROI_BINARY + arguments
// /usr/bin/python3 tests/metastudy/crosscheck_meta.py CONFIG
ProgramResult run_crosscheck(const std::filesystem::path& config);

std::string read_text(const std::filesystem::path& path);
std::string data_file(const std::string& name);  // tests/metastudy/data/<name>

}  // namespace meta_test
