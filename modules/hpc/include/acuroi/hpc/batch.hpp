// The participant level of a batch, resumable: for each selected participant, skip it when its
// done marker is valid for the current fingerprint, else clear its markers, process it
// (participant::process_participant: HDF5 record + exports, each committed atomically) and write
// its done marker, or its failed marker with the reason. Participants run in parallel (TBB) on
// min(threads, what the memory budget allows) threads; a failure never stops the others. Each
// participant appends to its own log, <output.dir>/logs/sub-<label>.log, which also receives the
// library's log lines about it. A participant that another acuroi process is working on (its
// lock under <output.dir>/hpc/locks is held) is left alone and reported as busy.
//
//   BatchOptions options{.threads = 2, .memory_budget_bytes = 8e9, .progress = &progress};
//   BatchSummary summary = run_participant_batch(study, manifest, labels, options);
//   std::cout << describe_batch_summary(summary);
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/hpc/markers.hpp"
#include "acuroi/hpc/progress.hpp"
#include "acuroi/hpc/work_manifest.hpp"

namespace acuroi::hpc {

struct BatchOptions {
  int threads = 0;                  // 0 = all cores
  double memory_budget_bytes = 0;   // 0 = default_memory_budget_bytes()
  Progress* progress = nullptr;     // may be null
};

enum class UnitAction { skipped, succeeded, failed, busy };  // busy: locked by another process

struct UnitResult {
  std::string label;
  UnitAction action = UnitAction::failed;
  UnitStatus before;               // its state when the batch started
  std::string failure_reason;      // failed, or who holds the lock (busy)
  std::vector<std::string> warnings;
  int runs = 0;
  double seconds = 0;
};

struct BatchSummary {
  std::vector<UnitResult> units;   // in the order of the labels given
  int concurrency = 1;             // participants at once
  double seconds = 0;
  int count(UnitAction action) const;
};

std::filesystem::path participant_log_path(const std::filesystem::path& output_dir, const std::string& label);

BatchSummary run_participant_batch(const participant::StudyInputs& study, const WorkManifest& manifest,
                                   const std::vector<std::string>& labels, const BatchOptions& options);

// participant, result, state before, runs, seconds, reason or first warning; then the totals.
std::string describe_batch_summary(const BatchSummary& summary);

}  // namespace acuroi::hpc
