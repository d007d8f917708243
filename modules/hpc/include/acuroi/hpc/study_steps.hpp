// The study-level steps after the participants: group statistics (`acuroi group`) and, when
// configured, meta-analysis. Like a participant, the group step has a done marker
// (<output.dir>/group/.acuroi-done.json) keyed by a fingerprint: the hashes of the config sections
// it reads (study, participants, group), the acuroi version and the SHA-256 of every participant
// file it reads; it is skipped while that marker, and the outputs it lists, are valid.
//
// Meta-analysis: when the config's `meta:` section lists studies, run_meta_step() pools them
// with this study (metastudy::run_meta, as `acuroi meta CONFIG`) after the group step; on SLURM
// it runs inside the group job (`acuroi run CONFIG --stage group`). It has no marker: pooling
// takes milliseconds and is always redone.
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

// True when meta.studies is not empty.
bool meta_configured(const config::Config& config);
StepResult run_meta_step(const config::Config& config, int threads);

}  // namespace acuroi::hpc
