#include "acuroi/hpc/submit.hpp"

#include <iomanip>
#include <sstream>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/hpc/command_runner.hpp"
#include "acuroi/hpc/fingerprint.hpp"
#include "acuroi/hpc/markers.hpp"
#include "acuroi/hpc/shards.hpp"
#include "acuroi/hpc/slurm_scripts.hpp"
#include "acuroi/hpc/study_steps.hpp"
#include "acuroi/hpc/work_manifest.hpp"

namespace acuroi::hpc {

namespace fs = std::filesystem;

namespace {

long max_array_size(std::vector<std::string>& notes) {
  const CommandResult r = run_command({"scontrol", "show", "config"});
  if (r.exit_code == 0)
    if (const auto size = parse_max_array_size(r.out)) return *size;
  notes.push_back("MaxArraySize unknown (scontrol show config failed): assuming SLURM's default, 1001");
  return 1001;
}

std::string sbatch(const std::vector<std::string>& argv) {
  const CommandResult r = run_command(argv);
  const auto id = parse_parsable_job_id(r.out);
  if (r.exit_code != 0 || !id)
    throw core::Error(command_text(argv) + " failed (exit code " + std::to_string(r.exit_code) + "): " +
                      (r.exit_code == 127 ? std::string("sbatch not found") : r.err + r.out));
  return *id;
}

// Array indices (1-based) of the shards with a participant that is not done.
std::vector<int> shards_with_work(const participant::StudyInputs& study, const std::vector<std::vector<std::string>>& shards) {
  std::vector<int> indices;
  for (std::size_t i = 0; i < shards.size(); ++i)
    for (const auto& label : shards[i]) {
      const io::Participant* p = study.dataset.participant(label);
      if (!p || participant_status(study.config.output.dir, label, participant_fingerprint(study, *p)).state != UnitState::done) {
        indices.push_back(static_cast<int>(i) + 1);
        break;
      }
    }
  return indices;
}

// Submits the array (indices) and the group job depending on it; fills report.submission.
void submit_jobs(const config::Config& config, const JobRecordFile& record, const std::vector<int>& indices,
                 bool dry_run, SubmitReport& report) {
  Submission& s = report.submission;
  s.submitted_utc = utc_now();
  report.submitted_shards = indices;
  const int throttle = config.hpc.max_array_throttle;
  if (!indices.empty()) {
    s.array_indices = compress_indices(indices);
    const std::vector<std::string> array = {"sbatch", "--parsable",
                                            "--array=" + s.array_indices + (throttle > 0 ? "%" + std::to_string(throttle) : ""),
                                            record.array_script.string()};
    report.commands.push_back(command_text(array));
    if (!dry_run) s.array_job = sbatch(array);
  }
  if (indices.empty() && group_step_status(config).state == UnitState::done) {
    report.notes.push_back("every participant and the group step are done: nothing to submit");
    return;
  }
  std::vector<std::string> group = {"sbatch", "--parsable"};
  if (!indices.empty()) {
    group.push_back("--dependency=afterok:" + (dry_run ? std::string("<array job id>") : s.array_job));
    group.push_back("--kill-on-invalid-dep=yes");
  }
  group.push_back(record.group_script.string());
  report.commands.push_back(command_text(group));
  if (!dry_run) s.group_job = sbatch(group);
}

void write_scripts(const config::Config& config, const SubmitOptions& options, const WorkManifest& manifest,
                   const std::vector<std::vector<std::string>>& shards, JobRecordFile& record, SubmitReport& report) {
  const fs::path dir = hpc_dir(config.output.dir), logs = config.output.dir / "logs" / "slurm";
  fs::create_directories(logs);
  record.shards = static_cast<int>(shards.size());
  record.manifest = dir / "manifest.json";
  record.array_script = dir / "array.sbatch";
  record.group_script = dir / "group.sbatch";
  write_work_manifest(manifest, shards, record.manifest);
  report.task = array_task_resources(manifest, shards, config.hpc);
  report.group = group_job_resources(manifest, config.hpc);
  SlurmScriptInputs in{"acuroi-" + config.study.name, options.acuroi, options.config_path, record.manifest, logs,
                       record.shards, config.hpc, report.task};
  core::write_text_atomically(record.array_script, array_job_script(in));
  in.resources = report.group;
  core::write_text_atomically(record.group_script, group_job_script(in));
  fs::permissions(record.array_script, fs::perms::owner_exec, fs::perm_options::add);
  fs::permissions(record.group_script, fs::perms::owner_exec, fs::perm_options::add);
}

void refuse_if_active(const JobRecordFile& record, const fs::path& path) {
  if (record.submissions.empty()) return;
  const SchedulerView view = query_scheduler(record.submissions.back());
  if (view.any_active())
    throw core::InputError(path.string(), "submissions", record.submissions.back().array_job,
                           "jobs of the last submission are still queued or running; wait, or scancel " +
                               record.submissions.back().array_job + " " + record.submissions.back().group_job);
}

SubmitReport first_submission(const config::Config& config, const SubmitOptions& options) {
  SubmitReport report;
  const fs::path record_path = jobs_record_path(config.output.dir);
  if (const auto previous = read_job_record(record_path); previous && !options.dry_run) refuse_if_active(*previous, record_path);
  const participant::StudyInputs study = participant::load_study_inputs(config);
  if (study.dataset.participants.empty())
    throw core::InputError(config.study.dataset.string(), "participants", "0", "no participant selected");
  const WorkManifest manifest = make_work_manifest(study);
  const int people = static_cast<int>(manifest.participants.size());
  int count = options.shards > 0 ? options.shards : config.hpc.shards > 0 ? config.hpc.shards : people;
  const long max_size = max_array_size(report.notes);
  if (count > max_size - 1) {
    report.shard_note = std::to_string(count) + " shards capped to " + std::to_string(max_size - 1) +
                        " (MaxArraySize " + std::to_string(max_size) + ": array indices 1..N must stay below it)";
    count = static_cast<int>(max_size - 1);
  }
  if (count > people) report.notes.push_back(std::to_string(count - people) + " shard(s) are empty (more shards than participants)");
  const auto shards = assign_shards(manifest, count);
  JobRecordFile record;
  write_scripts(config, options, manifest, shards, record, report);
  report.shards = record.shards;
  report.submission.kind = "initial";
  submit_jobs(config, record, shards_with_work(study, shards), options.dry_run, report);
  if (!options.dry_run && !(report.submission.array_job.empty() && report.submission.group_job.empty())) {
    record.submissions.push_back(report.submission);
    write_job_record(record, record_path);
  }
  report.array_script = record.array_script;
  report.group_script = record.group_script;
  report.manifest = record.manifest;
  return report;
}

SubmitReport resubmission(const config::Config& config, const SubmitOptions& options) {
  SubmitReport report;
  const fs::path record_path = jobs_record_path(config.output.dir);
  auto record = read_job_record(record_path);
  if (!record || record->submissions.empty())
    throw core::InputError(record_path.string(), "submissions", "0", "nothing was submitted yet: run `acuroi submit CONFIG` first");
  const Submission& last = record->submissions.back();
  const SchedulerView view = query_scheduler(last);
  if (view.any_active())
    throw core::InputError(record_path.string(), "submissions", last.array_job,
                           "jobs of the last submission are still queued or running; wait, or scancel them");
  if (view.group_job && view.group_job->state == "PENDING" && !options.dry_run) {
    run_command({"scancel", last.group_job});
    report.notes.push_back("cancelled group job " + last.group_job + " (its dependency can never be satisfied)");
  }
  if (const auto failed = view.failed_tasks(); !failed.empty())
    report.notes.push_back("scheduler: array tasks " + compress_indices(failed) + " of job " + last.array_job + " failed");
  const StoredManifest stored = read_work_manifest(record->manifest);
  const participant::StudyInputs study = participant::load_study_inputs(config);
  int unlisted = 0;
  for (const auto& p : study.dataset.participants) unlisted += stored.manifest.find(p.label) ? 0 : 1;
  if (unlisted > 0)
    report.notes.push_back(std::to_string(unlisted) + " participant(s) of the dataset are not in the submitted manifest: "
                           "run `acuroi submit CONFIG` (without --resubmit-failed) to include them");
  report.shards = record->shards;
  report.submission.kind = "resubmit";
  submit_jobs(config, *record, shards_with_work(study, stored.shards), options.dry_run, report);
  if (!options.dry_run && !(report.submission.array_job.empty() && report.submission.group_job.empty())) {
    record->submissions.push_back(report.submission);
    write_job_record(*record, record_path);
  }
  report.array_script = record->array_script;
  report.group_script = record->group_script;
  report.manifest = record->manifest;
  return report;
}

}  // namespace

SubmitReport submit_study(const config::Config& config, const SubmitOptions& options) {
  return options.resubmit_failed ? resubmission(config, options) : first_submission(config, options);
}

std::string describe_submit(const SubmitReport& r) {
  std::ostringstream s;
  s << "acuroi submit: " << r.shards << " shard(s); " << (r.submission.kind == "resubmit" ? "resubmitting" : "submitting")
    << " array indices " << (r.submitted_shards.empty() ? "(none)" : compress_indices(r.submitted_shards)) << "\n";
  if (!r.shard_note.empty()) s << "  " << r.shard_note << "\n";
  if (r.task.memory_mb > 0)
    s << "  array task: " << r.task.cpus << " CPU(s), " << r.task.memory_mb << " MB, " << slurm_time(r.task.time_minutes)
      << (r.task.derived_memory || r.task.derived_time ? " (derived from the data sizes)" : "") << "\n"
      << "  group job:  " << r.group.cpus << " CPU(s), " << r.group.memory_mb << " MB, " << slurm_time(r.group.time_minutes)
      << "\n";
  s << "  manifest " << r.manifest.string() << "\n  scripts  " << r.array_script.string() << "\n           "
    << r.group_script.string() << "\n";
  for (const auto& c : r.commands) s << "  $ " << c << "\n";
  if (!r.submission.array_job.empty()) s << "array job " << r.submission.array_job << "\n";
  if (!r.submission.group_job.empty()) s << "group job " << r.submission.group_job << "\n";
  for (const auto& n : r.notes) s << "note: " << n << "\n";
  return s.str();
}

}  // namespace acuroi::hpc
