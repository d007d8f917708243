// What SLURM's commands print, as records: `scontrol -o show job ID` (one line per job or array
// task; pending array tasks not yet split show a range "ArrayTaskId=3-4%2"), `sacct -n -P -X
// --format=JobID,State,ExitCode` ("123_1|COMPLETED|0:0", "123_[2-4]|PENDING|0:0",
// "124|CANCELLED by 0|0:0"), `scontrol show config` (MaxArraySize) and `sbatch --parsable`
// ("123" or "123;cluster"). Pure functions, no process is run here.
//
//   auto tasks = parse_scontrol_jobs(run_command({"scontrol", "-o", "show", "job", "123"}).out);
//   for (auto& t : tasks) if (is_failed_state(t.state)) resubmit.push_back(t.array_task);
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::hpc {

struct JobRecord {
  std::string job_id;        // the job's own id ("125")
  std::string array_job_id;  // "" when not part of an array
  int array_task = -1;       // -1 when not an array task
  std::string state;         // first word: "COMPLETED", "FAILED", "CANCELLED", "PENDING", ...
  std::string exit_code;     // "0:0", "3:0"
  std::string reason;        // scontrol's Reason ("DependencyNeverSatisfied"); "" from sacct
};

std::vector<JobRecord> parse_scontrol_jobs(const std::string& text);
std::vector<JobRecord> parse_sacct(const std::string& text);
std::optional<long> parse_max_array_size(const std::string& show_config);
// The job id of `sbatch --parsable` output; nullopt when it is not one.
std::optional<std::string> parse_parsable_job_id(const std::string& out);

// Still queued or running (PENDING, RUNNING, CONFIGURING, COMPLETING, REQUEUED, SUSPENDED, ...).
bool is_active_state(std::string_view state);
// Ended without success (FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, BOOT_FAIL, DEADLINE, PREEMPTED).
bool is_failed_state(std::string_view state);

// Array indices as SLURM writes them: {1, 2, 3, 5} -> "1-3,5" (sorted, repeats removed).
std::string compress_indices(std::vector<int> indices);
// The inverse, for "1-3,5" and "[2-4]"; a "%N" throttle suffix is ignored. Throws
// std::invalid_argument for anything else.
std::vector<int> expand_indices(std::string_view text);

}  // namespace acuroi::hpc
