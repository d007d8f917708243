// Test helpers for the group module: simulated ROI-level studies (as StudyValues, or written as
// participant files exactly as `acuroi participant` writes them), a scratch folder and running
// programs (the acuroi binary, /usr/bin/python3).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "acuroi/group/study_values.hpp"
#include "acuroi/stats/random.hpp"

namespace group_test {

// Standard normal deviates (Box–Muller) from the stats module's reproducible engine.
class Normal {
 public:
  Normal(std::uint64_t seed, std::uint64_t stream) : rng_(seed, stream) {}
  double operator()();
  double uniform() { return rng_.uniform(); }

 private:
  acuroi::stats::PermutationRng rng_;
};

// One ROI × measure of a simulated study: pre ~ N(1, 0.3²); change = control_shift + effect (active
// arm only) + age_slope·(age − 45) + N(0, sd²) with sd = sd_active or sd_control.
struct PlantedColumn {
  std::string roi, measure;
  double effect = 0;  // true mean change active − control
  double control_shift = 0;
  double sd_active = 0.3, sd_control = 0.3;
  double age_slope = 0;
};

struct SimulationSpec {
  std::size_t n_active = 12, n_control = 12;
  std::vector<PlantedColumn> columns;
};

// Participants a01.. (active) then c01.. (control); covariates age (N(45, 12²), rounded to 0.1),
// sex (F/M) and site (A/B/C, round robin).
acuroi::group::StudyValues simulate_values(const SimulationSpec& spec, std::uint64_t seed);

// The same study as participant files: <dir>/sub-<p>/sub-<p>_acuroi.h5 with the long measure
// table in /sessions/{pre,post}/measures; NaN values get status "no value". Returns the paths.
std::vector<std::filesystem::path> write_participant_files(const acuroi::group::StudyValues& values,
                                                           const std::filesystem::path& dir);

// One participant file with explicit content (sessions: label -> rows).
struct MeasureRow {
  std::string roi, measure;
  double value;
  std::string status;
};
void write_participant_file(const std::filesystem::path& dir, const std::string& label,
                            const std::string& arm,
                            const std::map<std::string, std::string>& covariates,
                            const std::map<std::string, std::vector<MeasureRow>>& sessions);

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

// A config for a study whose participant files are in `output_dir`, with `group_yaml` (the
// indented keys of the group: section, may be empty) and `extra_yaml` appended.
std::string study_config(const std::filesystem::path& output_dir, const std::string& group_yaml,
                         const std::string& extra_yaml = "");

std::string read_text(const std::filesystem::path& path);

}  // namespace group_test
