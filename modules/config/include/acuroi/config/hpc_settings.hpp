// Settings of the `hpc:` section: batch runs on one machine (`acuroi run`) and SLURM job arrays
// (`acuroi submit`). Thread count for `acuroi run` is extraction.threads (or --threads).
//
// A cluster profile (`profile:`, a YAML file with the same keys as this section, e.g.
// configs/slurm-profile.yaml) gives values for the keys the config does not write: the config's
// own keys win. Memory is in GB (10^9 bytes), time in minutes; 0 means "derived from the data
// sizes" (task_*, group_*) or "no limit" (max_array_throttle).
//
//   const HpcSettings& h = config.hpc;
//   std::string line = "#SBATCH --partition=" + h.partition;   // when not empty
//   int throttle = h.max_array_throttle;                         // --array=1-N%throttle
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace acuroi::config {

struct HpcSettings {
  std::filesystem::path profile;          // cluster profile YAML (absolute); empty = none
  double memory_budget_gb = 0;            // acuroi run: estimated memory in use stays below; 0 = 80% of RAM
  int shards = 0;                         // SLURM array tasks; 0 = one per participant
  int max_array_throttle = 0;             // at most this many array tasks at once; 0 = no limit
  int cpus_per_task = 0;                  // CPUs (threads) of one array task
  std::string partition, account, qos;    // empty = the cluster's default
  std::vector<std::string> modules;       // `module load` names, in order
  std::vector<std::string> extra_sbatch;  // extra #SBATCH options, e.g. "--constraint=avx2"
  double task_memory_gb = 0;              // per array task; 0 = derived from the data sizes
  int task_time_minutes = 0;              // per array task; 0 = derived from the data sizes
  double group_memory_gb = 0;             // group/meta job; 0 = derived
  int group_time_minutes = 0;             // group/meta job; 0 = derived
  bool operator==(const HpcSettings&) const = default;
};

}  // namespace acuroi::config
