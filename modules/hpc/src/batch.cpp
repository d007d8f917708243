#include "acuroi/hpc/batch.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "acuroi/core/log.hpp"
#include "acuroi/hpc/fingerprint.hpp"
#include "acuroi/hpc/resources.hpp"
#include "acuroi/participant/process.hpp"
#include "participant_lock.hpp"

namespace acuroi::hpc {

namespace fs = std::filesystem;

fs::path participant_log_path(const fs::path& output_dir, const std::string& label) {
  return output_dir / "logs" / ("sub-" + label + ".log");
}

int BatchSummary::count(UnitAction action) const {
  return static_cast<int>(std::count_if(units.begin(), units.end(), [&](const UnitResult& u) { return u.action == action; }));
}

namespace {

// Appends timestamped lines to a participant's log (one file per participant, every attempt).
class ParticipantLog {
 public:
  ParticipantLog(const fs::path& output_dir, const std::string& label) {
    const fs::path path = participant_log_path(output_dir, label);
    fs::create_directories(path.parent_path());
    file_.open(path, std::ios::app);
  }
  template <class... Parts>
  void write(const Parts&... parts) {
    if (!file_) return;
    file_ << utc_now() << ' ';
    (file_ << ... << parts);
    file_ << '\n' << std::flush;
  }

 private:
  std::ofstream file_;
};

std::vector<OutputFile> describe_outputs(const fs::path& output_dir, const participant::ParticipantOutcome& outcome) {
  std::vector<OutputFile> outputs{describe_output(output_dir, outcome.record_path)};
  for (const auto& path : outcome.exports) outputs.push_back(describe_output(output_dir, path));
  return outputs;
}

// Processes one participant and writes its marker. Never throws.
void process_unit(const participant::StudyInputs& study, const io::Participant& person, const Fingerprint& fingerprint,
                  UnitResult& result) {
  const fs::path& out = study.config.output.dir;
  ParticipantLog log(out, person.label);
  const core::LogCapture capture([&log](core::LogLevel level, const std::string& message) {
    log.write("[", core::log_level_name(level), "] ", message);
  });
  log.write("start sub-", person.label, " (was ", to_string(result.before.state),
            result.before.reason.empty() ? "" : ": " + result.before.reason, "), fingerprint ",
            fingerprint.digest(), ", ", fingerprint.inputs.size(), " input files");
  const std::string digest = fingerprint.digest();
  try {
    clear_markers(out, person.label);
    if (const int removed = remove_temporaries(out / ("sub-" + person.label)); removed > 0)
      log.write("removed ", removed, " temporary file(s) left by an interrupted run");
    const participant::ParticipantOutcome outcome = participant::process_participant(study, person);
    result.warnings = outcome.warnings;
    result.runs = outcome.runs;
    result.seconds = outcome.seconds;
    for (const auto& w : outcome.warnings) log.write("warning: ", w);
    if (outcome.succeeded) {
      DoneMarker marker{person.label, digest, fingerprint, describe_outputs(out, outcome), outcome.runs,
                        outcome.seconds, outcome.warnings, utc_now()};
      write_done_marker(out, marker);
      result.action = UnitAction::succeeded;
      log.write("done: ", outcome.runs, " runs, ", marker.outputs.size(), " outputs, ",
                std::fixed, std::setprecision(2), outcome.seconds, " s");
      return;
    }
    result.failure_reason = outcome.failure_reason;
  } catch (const std::exception& e) {
    result.failure_reason = e.what();
  }
  result.action = UnitAction::failed;
  log.write("FAILED: ", result.failure_reason);
  try {
    write_failed_marker(out, {person.label, digest, fingerprint, result.failure_reason, utc_now()});
  } catch (const std::exception& e) {
    log.write("cannot write the failed marker: ", e.what());
  }
}

void run_one(const participant::StudyInputs& study, const std::string& label, UnitResult& result, Progress* progress) {
  result.label = label;
  const io::Participant* person = study.dataset.participant(label);
  if (!person) {
    result.before = {label, UnitState::pending, "not in the dataset"};
    result.failure_reason = "sub-" + label + " is not in the dataset any more (folder or participants.tsv row gone)";
    if (progress) progress->finished(label, false, result.failure_reason);
    return;
  }
  try {
    const detail::ParticipantLock lock(study.config.output.dir, label);
    if (!lock.held()) {
      result.action = UnitAction::busy;
      result.failure_reason = "another acuroi process is working on it (" + lock.holder() + "; lock " +
                              lock.path().string() + ")";
      if (progress) progress->finished(label, false, result.failure_reason);
      return;
    }
    const Fingerprint fingerprint = participant_fingerprint(study, *person);
    result.before = participant_status(study.config.output.dir, label, fingerprint);
    if (result.before.state == UnitState::done) {
      result.action = UnitAction::skipped;
      if (progress) progress->skipped(label);
      return;
    }
    if (progress) progress->started(label);
    process_unit(study, *person, fingerprint, result);
  } catch (const std::exception& e) {
    result.action = UnitAction::failed;
    result.failure_reason = e.what();
  }
  if (progress) progress->finished(label, result.action == UnitAction::succeeded, result.failure_reason);
}

}  // namespace

BatchSummary run_participant_batch(const participant::StudyInputs& study, const WorkManifest& manifest,
                                   const std::vector<std::string>& labels, const BatchOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  BatchSummary summary;
  summary.units.resize(labels.size());
  const int threads = options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency();
  std::int64_t largest = 0;
  for (const auto& label : labels)
    if (const ParticipantWork* w = manifest.find(label)) largest = std::max(largest, participant_memory_bytes(*w));
  const double budget = options.memory_budget_bytes > 0 ? options.memory_budget_bytes : default_memory_budget_bytes();
  summary.concurrency = concurrency_for_budget(threads, largest, budget);
  if (summary.concurrency < threads)
    core::log_info("memory budget ", budget / 1e9, " GB: ", summary.concurrency, " participant(s) at once (of ",
                   threads, " threads; largest participant ~", largest / 1e6, " MB)");
  tbb::task_arena arena(summary.concurrency);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, labels.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i < r.end(); ++i) run_one(study, labels[i], summary.units[i], options.progress);
    });
  });
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

std::string describe_batch_summary(const BatchSummary& summary) {
  std::ostringstream s;
  s << std::left << std::setw(14) << "participant" << std::setw(10) << "result" << std::setw(9) << "before"
    << std::setw(6) << "runs" << std::setw(9) << "seconds" << "notes\n";
  for (const auto& u : summary.units) {
    const char* result = u.action == UnitAction::skipped     ? "skipped"
                         : u.action == UnitAction::succeeded ? "ok"
                         : u.action == UnitAction::busy      ? "BUSY"
                                                             : "FAILED";
    s << std::setw(14) << ("sub-" + u.label) << std::setw(10) << result << std::setw(9) << to_string(u.before.state)
      << std::setw(6) << u.runs << std::setw(9) << std::fixed << std::setprecision(2) << u.seconds;
    if (u.action == UnitAction::failed || u.action == UnitAction::busy)
      s << u.failure_reason;
    else if (u.action == UnitAction::succeeded && u.before.state == UnitState::stale)
      s << "redone: " << u.before.reason;
    else if (!u.warnings.empty())
      s << u.warnings.size() << " warning(s): " << u.warnings.front();
    s << '\n';
  }
  s << summary.count(UnitAction::succeeded) << " processed, " << summary.count(UnitAction::skipped)
    << " skipped (already done), " << summary.count(UnitAction::failed) << " failed";
  if (const int busy = summary.count(UnitAction::busy); busy > 0) s << ", " << busy << " busy in another process";
  s << "; " << summary.concurrency
    << " at once, " << std::fixed << std::setprecision(1) << summary.seconds << " s\n";
  return s.str();
}

}  // namespace acuroi::hpc
