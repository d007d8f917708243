#include "acuroi/hpc/run_study.hpp"

#include <sstream>

#include "acuroi/core/error.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/hpc/fingerprint.hpp"
#include "acuroi/hpc/work_manifest.hpp"
#include "acuroi/report/report.hpp"

namespace acuroi::hpc {

namespace {
constexpr int kPartialFailure = static_cast<int>(core::ExitCode::partial_failure);

struct Selection {
  std::vector<std::string> labels;
  std::string text;
};

// The participants this run processes, with the study inputs restricted to them.
Selection select_participants(const config::Config& config, const RunOptions& options,
                              std::optional<participant::StudyInputs>& study, WorkManifest& manifest) {
  Selection s;
  if (!options.manifest.empty()) {
    StoredManifest stored = read_work_manifest(options.manifest);
    if (options.shard) {
      if (options.shard->count != static_cast<int>(stored.shards.size()))
        throw core::ConfigError("<command line>", 0, 0, "--shard", std::to_string(options.shard->index) + "/" +
                                std::to_string(options.shard->count),
                                "the manifest " + options.manifest.string() + " has " +
                                std::to_string(stored.shards.size()) + " shards");
      s.labels = stored.shards[static_cast<std::size_t>(options.shard->index - 1)];
    } else {
      for (const auto& p : stored.manifest.participants) s.labels.push_back(p.label);
    }
    manifest = std::move(stored.manifest);
    if (!s.labels.empty()) study.emplace(participant::load_study_inputs(config, s.labels));
  } else {
    study.emplace(participant::load_study_inputs(config));
    manifest = make_work_manifest(*study);
    if (options.shard) {
      s.labels = assign_shards(manifest, options.shard->count)[static_cast<std::size_t>(options.shard->index - 1)];
    } else {
      for (const auto& p : manifest.participants) s.labels.push_back(p.label);
    }
  }
  s.text = options.shard ? "shard " + std::to_string(options.shard->index) + "/" + std::to_string(options.shard->count) +
                               ": " + std::to_string(s.labels.size()) + " participant(s)"
                         : "all " + std::to_string(s.labels.size()) + " participants";
  return s;
}

BatchSummary run_participants(const config::Config& config, const RunOptions& options,
                              const participant::StudyInputs& study, const WorkManifest& manifest,
                              const std::vector<std::string>& labels) {
  BatchOptions batch;
  batch.threads = options.threads >= 0 ? options.threads : config.extraction.threads;
  const double budget_gb = options.memory_budget_gb >= 0 ? options.memory_budget_gb : config.hpc.memory_budget_gb;
  batch.memory_budget_bytes = budget_gb * 1e9;
  std::optional<Progress> progress;
  if (options.progress) progress.emplace(*options.progress, labels.size(), options.progress_tty);
  batch.progress = progress ? &*progress : nullptr;
  BatchSummary summary = run_participant_batch(study, manifest, labels, batch);
  if (progress) progress->close();
  return summary;
}

// "" when every participant of the study is done, else why not (the first few).
std::string participants_not_done(const config::Config& config) {
  const participant::StudyInputs study = participant::load_study_inputs(config);
  if (study.dataset.participants.empty()) return "no participant in the dataset";
  int not_done = 0;
  std::string first;
  for (const auto& p : study.dataset.participants) {
    const UnitStatus s = participant_status(config.output.dir, p.label, participant_fingerprint(study, p));
    if (s.state == UnitState::done) continue;
    if (not_done++ < 3) first += (first.empty() ? "" : "; ") + ("sub-" + p.label + " " + std::string(to_string(s.state)));
  }
  return not_done == 0 ? "" : std::to_string(not_done) + " participant(s) not done: " + first + (not_done > 3 ? "; ..." : "");
}

void run_study_steps(const config::Config& config, const RunOptions& options, RunReport& report) {
  const int threads = options.threads >= 0 ? options.threads : config.extraction.threads;
  const StepStatus before = group_step_status(config);
  if (before.state == UnitState::done) {
    report.group_line = "group: already done (valid marker): skipped";
  } else {
    StepResult result = run_group_step(config, threads);
    report.group_line = result.succeeded ? "group: done" : "group: FAILED: " + result.failure_reason;
    if (!result.succeeded) report.exit_code = result.exit_code;
    report.group = std::move(result);
    if (!report.group->succeeded) return;
  }
  if (meta_configured(config)) {
    const StepResult meta = run_meta_step(config, threads);
    report.meta_line = meta.succeeded ? "meta: done" : "meta: FAILED: " + meta.failure_reason;
    if (!meta.succeeded) report.exit_code = meta.exit_code;
  } else {
    report.meta_line = "meta: not configured";
  }
  // The HTML report last; a report problem is reported but does not fail the run.
  remove_temporaries(config.output.dir / "report");  // left by a killed run
  try {
    report.report_line = "report: " + report::write_report(config).string();
  } catch (const std::exception& e) {
    report.report_line = std::string("report: FAILED: ") + e.what();
    core::log_warning("report: FAILED: ", e.what());
  }
}
}  // namespace

RunReport run_study(const config::Config& config, const RunOptions& options) {
  RunReport report;
  if (options.stage != Stage::group) {
    std::optional<participant::StudyInputs> study;
    WorkManifest manifest;
    const Selection selection = select_participants(config, options, study, manifest);
    report.selection = selection.text;
    if (!options.shard && options.manifest.empty() && selection.labels.empty())
      throw core::InputError(config.study.dataset.string(), "participants", "0",
                             "no participant selected (check participants.include/exclude)");
    if (study)
      for (const auto& problem : study->dataset.problems)
        if (!study->dataset.participant(problem.participant)) report.dataset_problems.push_back(io::describe(problem));
    if (!selection.labels.empty()) {
      report.batch = run_participants(config, options, *study, manifest, selection.labels);
      if (report.batch->count(UnitAction::failed) + report.batch->count(UnitAction::busy) > 0)
        report.exit_code = kPartialFailure;
    }
    if (options.shard || options.stage == Stage::participant) {
      report.group_line = "group: not run (participant stage only)";
      return report;
    }
    if (report.exit_code != 0) {
      const int busy = report.batch->count(UnitAction::busy);
      report.group_line = "group: skipped (" + std::to_string(report.batch->count(UnitAction::failed)) +
                          " participant(s) failed" +
                          (busy > 0 ? ", " + std::to_string(busy) + " busy in another process" : "") + ")";
      return report;
    }
  } else {
    // The group job of a submission: every participant must be done, whoever processed it.
    report.selection = "group stage";
    if (const std::string why = participants_not_done(config); !why.empty()) {
      report.group_line = "group: skipped (" + why + ")";
      report.exit_code = kPartialFailure;
      return report;
    }
  }
  run_study_steps(config, options, report);
  return report;
}

std::string describe_run(const RunReport& report) {
  std::ostringstream s;
  s << "acuroi run: " << report.selection << "\n";
  if (report.batch) s << describe_batch_summary(*report.batch);
  for (const auto& problem : report.dataset_problems) s << "dataset: " << problem << "\n";
  if (report.group && !report.group->summary.empty()) s << report.group->summary;
  s << report.group_line << "\n";
  if (!report.meta_line.empty()) s << report.meta_line << "\n";
  if (!report.report_line.empty()) s << report.report_line << "\n";
  s << (report.exit_code == 0 ? "finished: everything asked for is done\n"
                              : "finished with problems (exit code " + std::to_string(report.exit_code) + ")\n");
  return s.str();
}

}  // namespace acuroi::hpc
