// The study-level steps after the participants: group statistics (`acuroi group`) and, when
// configured, meta-analysis. Like a participant, the group step has a done marker
// (<output.dir>/group/.acuroi-done.json) keyed by a fingerprint: the hashes of the config sections
// it reads (study, participants, group), the acuroi version and the SHA-256 of every participant
// file it reads; it is skipped while that marker, and the outputs it lists, are valid.
//
// Meta-analysis hook: `acuroi meta` does not exist yet and the config has no `meta:` section, so
// meta_configured() is false and run_meta_step() is never reached; when both exist, they are the
// two functions to fill in (and the meta job joins the SLURM group job, which runs
// `acuroi run CONFIG --stage group`).
//
//   StepStatus g = group_step_status(config);
//   if (g.state != UnitState::done) StepResult r = run_group_step(config, threads);
#pragma once
#include <filesystem>
#include <string>

#include "acuroi/config/config.hpp"
#include "acuroi/hpc/markers.hpp"

namespace acuroi::hpc {

std::filesystem::path group_marker_path(const std::filesystem::path& output_dir);

struct StepStatus {
  UnitState state = UnitState::pending;
  std::string reason;
};

// Done (valid marker), stale (with the reason), pending (never run or no participant file yet).
StepStatus group_step_status(const config::Config& config);

struct StepResult {
  bool succeeded = false;
  std::string summary;         // what the step printed (group::describe_group_run)
  std::string failure_reason;  // when it failed
  int exit_code = 0;           // of the error when it failed (core::ExitCode)
};

// Runs group::run_group and writes the group marker. Never throws for a study-level problem:
// the error is the result's failure_reason (and the marker is not written).
StepResult run_group_step(const config::Config& config, int threads);

// Meta-analysis hook (see above): false until a `meta:` section exists.
bool meta_configured(const config::Config& config);
StepResult run_meta_step(const config::Config& config, int threads);

}  // namespace acuroi::hpc
