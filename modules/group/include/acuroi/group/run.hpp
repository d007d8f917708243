// `acuroi group CONFIG` as one library call: read every participant file under output.dir
// (sub-*/sub-*_acuroi.h5; temporaries *.tmp-* are ignored), collect the pre/post values, run the
// group analysis and write <output.dir>/group/ (group_file.hpp), with provenance: the
// participant files with their SHA-256, the resolved config and its hash, the acuroi version.
//
//   GroupRunSummary summary = run_group(config::load_config("study.yaml"));
//   std::cout << describe_group_run(summary);
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/group/group_file.hpp"

namespace acuroi::group {

// The participant files under `output_dir`, sorted by path. Throws core::InputError naming the
// folder when there is none.
std::vector<std::filesystem::path> find_participant_files(const std::filesystem::path& output_dir);

struct GroupRunSummary {
  GroupOutputPaths outputs;
  std::size_t participant_files = 0, participants_included = 0, participants_left_out = 0;
  std::size_t roi_measures = 0, tests = 0, tests_not_computed = 0;
  std::vector<std::string> warnings;
};

// Throws core::InputError (no participant files, an unreadable or malformed file; via
// stats::StatsError the study-level problems of analyse_group). `threads` caps the TBB threads of
// the permutations (0 = all cores); the results do not depend on it.
GroupRunSummary run_group(const config::Config& config, int threads = 0);

// A few lines for the terminal: counts, the outputs, the first warnings.
std::string describe_group_run(const GroupRunSummary& summary);

}  // namespace acuroi::group
