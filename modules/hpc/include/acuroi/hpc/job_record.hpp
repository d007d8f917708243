// The record of what `acuroi submit` sent to SLURM, <output.dir>/hpc/jobs.json: the shard count,
// the manifest and scripts used, and every submission (initial or resubmission) with its array
// job id, the array indices submitted and the group job id. `acuroi status` and
// `--resubmit-failed` read it and ask the scheduler about those jobs: sacct first (the accounting
// database keeps finished jobs), then `scontrol show job` (jobs still in the controller's memory).
//
//   JobRecordFile jobs = read_job_record(jobs_record_path(out));
//   SchedulerView view = query_scheduler(jobs.submissions.back());
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "acuroi/hpc/slurm_parse.hpp"

namespace acuroi::hpc {

struct Submission {
  std::string kind;           // "initial" or "resubmit"
  std::string array_job;      // "" when no array was needed
  std::string array_indices;  // "1-4", "3"
  std::string group_job;
  std::string submitted_utc;
};

struct JobRecordFile {
  int shards = 0;
  std::filesystem::path manifest, array_script, group_script;
  std::vector<Submission> submissions;
};

std::filesystem::path hpc_dir(const std::filesystem::path& output_dir);            // <out>/hpc
std::filesystem::path jobs_record_path(const std::filesystem::path& output_dir);   // <out>/hpc/jobs.json
// nullopt when nothing was submitted; throws core::InputError for a malformed file.
std::optional<JobRecordFile> read_job_record(const std::filesystem::path& path);
void write_job_record(const JobRecordFile& record, const std::filesystem::path& path);

struct SchedulerView {
  std::string source;              // "sacct", "scontrol" or "" when neither knows the jobs
  std::vector<JobRecord> array_tasks;
  std::optional<JobRecord> group_job;
  std::string problem;             // why the scheduler could not be asked ("" when it could)
  bool any_active() const;
  std::vector<int> failed_tasks() const;
};

// Asks the scheduler about one submission's jobs (never throws; problems go to `problem`).
SchedulerView query_scheduler(const Submission& submission);

// "array 12: 3 COMPLETED, 1 FAILED (task 2); group job 13: CANCELLED" and the like.
std::string describe_scheduler_view(const Submission& submission, const SchedulerView& view);

}  // namespace acuroi::hpc
