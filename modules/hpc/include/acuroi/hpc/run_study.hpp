// `acuroi run CONFIG`: the whole pipeline of a study on one machine, resumable. Participant level
// for the selected participants (all, or one shard), then the group step, then meta-analysis
// when configured (study_steps.hpp). Participants whose done marker is valid are skipped, stale
// and failed ones are redone. The group step runs only when every participant of the study is
// done (as SLURM's afterok would have it) and is skipped while its own marker is valid.
//
// Stages: all (default); participant (SLURM array tasks: no group step); group (the SLURM group
// job: checks every participant is done, then group and meta). With a shard, only the
// participant level runs. Exit codes: 0 everything asked for is done; 4 some participant failed
// or is not done (group not run); otherwise the group step's error code (2 config, 3 input).
//
//   RunOptions options;  options.threads = 2;  options.shard = parse_shard("1/4");
//   RunReport report = run_study(config::load_config("study.yaml"), options);
//   std::cout << describe_run(report);  return report.exit_code;
#pragma once
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/hpc/batch.hpp"
#include "acuroi/hpc/shards.hpp"
#include "acuroi/hpc/study_steps.hpp"

namespace acuroi::hpc {

enum class Stage { all, participant, group };

struct RunOptions {
  int threads = -1;                     // -1 = extraction.threads (0 = all cores)
  double memory_budget_gb = -1;         // -1 = hpc.memory_budget_gb (0 = 80% of RAM)
  std::optional<ShardSpec> shard;
  std::filesystem::path manifest;       // shards from this stored manifest (acuroi submit)
  Stage stage = Stage::all;
  std::ostream* progress = nullptr;     // progress display; null = none
  bool progress_tty = false;            // redraw a bar (terminal) instead of timestamped lines
};

struct RunReport {
  std::string selection;                // "all 8 participants", "shard 2/4: 2 participants"
  std::optional<BatchSummary> batch;    // when the participant level ran
  std::vector<std::string> dataset_problems;  // not tied to a listed participant
  std::string group_line;               // "group: done", "group: skipped (...)", "group: FAILED ..."
  std::optional<StepResult> group;      // when the group step ran
  std::string meta_line;
  std::string report_line;  // "report: <path of the HTML report>" or why it failed
  int exit_code = 0;
};

RunReport run_study(const config::Config& config, const RunOptions& options);

std::string describe_run(const RunReport& report);

}  // namespace acuroi::hpc
