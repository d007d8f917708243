// `acuroi submit CONFIG`: the study as a SLURM job array over shards plus a group/meta job that
// runs after every array task succeeded (afterok, --kill-on-invalid-dep=yes so a failed task
// cancels it instead of leaving it pending forever). Writes <output.dir>/hpc/manifest.json (the
// shards), array.sbatch, group.sbatch and jobs.json (the job ids), logs under
// <output.dir>/logs/slurm/. Only shards with a participant not done are submitted.
//
// The shard count is --shards, else hpc.shards, else one per participant, capped so the array
// indices 1..N stay below the cluster's MaxArraySize (`scontrol show config`). The array runs
// with hpc.max_array_throttle as its "%" limit. `--resubmit-failed` reuses the recorded manifest
// and scripts: it refuses while jobs of the last submission are still queued or running,
// cancels a group job left pending on a failed dependency, then submits only the shards that
// have a participant not done, and a new dependent group job (or the group job alone when only
// it is missing). `dry_run` writes everything and runs no sbatch.
//
//   SubmitOptions options{.config_path = "/abs/study.yaml", .acuroi = "/abs/acuroi"};
//   SubmitReport report = submit_study(config::load_config(options.config_path), options);
//   std::cout << describe_submit(report);
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/hpc/job_record.hpp"
#include "acuroi/hpc/resources.hpp"

namespace acuroi::hpc {

struct SubmitOptions {
  std::filesystem::path config_path;  // absolute: the jobs read it
  std::filesystem::path acuroi;       // the executable the jobs run, absolute
  int shards = 0;                     // 0 = hpc.shards, else one per participant
  bool dry_run = false;
  bool resubmit_failed = false;
};

struct SubmitReport {
  int shards = 0;
  std::string shard_note;               // why the count was capped, when it was
  std::vector<int> submitted_shards;    // array indices submitted
  JobResources task, group;
  std::filesystem::path array_script, group_script, manifest;
  std::vector<std::string> commands;    // the sbatch command lines (run, or to run when dry)
  Submission submission;                // job ids ("" when dry or not needed)
  std::vector<std::string> notes;
};

SubmitReport submit_study(const config::Config& config, const SubmitOptions& options);

std::string describe_submit(const SubmitReport& report);

}  // namespace acuroi::hpc
