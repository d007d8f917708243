// The batch scripts `acuroi submit` writes: one for the job array over shards (task i runs
// `acuroi run CONFIG --stage participant --manifest M --shard i/N`) and one for the group/meta
// job (`acuroi run CONFIG --stage group`). #SBATCH lines: job name, output log, CPUs, memory (MB),
// time, then partition/account/qos when set, then the extra options in order. The --array range,
// its throttle and the dependency go on the sbatch command line, so a resubmission reuses the
// same script. Environment modules are loaded with `module load` before acuroi runs.
//
//   std::string text = array_job_script(inputs);
//   core::write_text_atomically(out / "hpc/array.sbatch", text);
#pragma once
#include <filesystem>
#include <string>

#include "acuroi/config/hpc_settings.hpp"
#include "acuroi/hpc/resources.hpp"

namespace acuroi::hpc {

struct SlurmScriptInputs {
  std::string job_name;           // "acuroi-<study>"
  std::filesystem::path acuroi;   // the executable, absolute
  std::filesystem::path config;   // absolute
  std::filesystem::path manifest; // absolute (array only)
  std::filesystem::path log_dir;  // absolute
  int shards = 1;
  config::HpcSettings settings;
  JobResources resources;
};

std::string array_job_script(const SlurmScriptInputs& inputs);
std::string group_job_script(const SlurmScriptInputs& inputs);

// `text` quoted for a POSIX shell ('...' with embedded quotes escaped).
std::string shell_quote(const std::string& text);

}  // namespace acuroi::hpc
