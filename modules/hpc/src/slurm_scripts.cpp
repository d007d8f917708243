#include "acuroi/hpc/slurm_scripts.hpp"

#include <sstream>

#include "acuroi/core/version.hpp"

namespace acuroi::hpc {

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

namespace {
std::string header(const SlurmScriptInputs& in, const std::string& name, const std::string& log_name,
                   const std::string& what) {
  std::ostringstream s;
  const auto& h = in.settings;
  const auto& r = in.resources;
  s << "#!/bin/bash\n"
    << "# " << what << "\n"
    << "# Written by acuroi " << core::version() << " (acuroi submit); memory " << (r.derived_memory ? "derived from the data sizes" : "from hpc.*_memory_gb")
    << ", time " << (r.derived_time ? "derived from the data sizes" : "from hpc.*_time_minutes") << ".\n"
    << "#SBATCH --job-name=" << name << "\n"
    << "#SBATCH --output=" << (in.log_dir / log_name).string() << "\n"
    << "#SBATCH --cpus-per-task=" << r.cpus << "\n"
    << "#SBATCH --mem=" << r.memory_mb << "M\n"
    << "#SBATCH --time=" << slurm_time(r.time_minutes) << "\n";
  if (!h.partition.empty()) s << "#SBATCH --partition=" << h.partition << "\n";
  if (!h.account.empty()) s << "#SBATCH --account=" << h.account << "\n";
  if (!h.qos.empty()) s << "#SBATCH --qos=" << h.qos << "\n";
  for (const auto& extra : h.extra_sbatch) s << "#SBATCH " << extra << "\n";
  s << "set -euo pipefail\n";
  for (const auto& module : h.modules) s << "module load " << shell_quote(module) << "\n";
  return s.str();
}
}  // namespace

std::string array_job_script(const SlurmScriptInputs& in) {
  std::ostringstream s;
  s << header(in, in.job_name, "array-%A_%a.out",
              "acuroi participant level: array task i runs shard i of " + std::to_string(in.shards) + ".")
    << "exec " << shell_quote(in.acuroi.string()) << " run " << shell_quote(in.config.string())
    << " --stage participant --manifest " << shell_quote(in.manifest.string()) << " --shard \"${SLURM_ARRAY_TASK_ID}/"
    << in.shards << "\" --threads \"${SLURM_CPUS_PER_TASK:-" << in.resources.cpus << "}\" --memory-budget "
    << in.resources.memory_mb / 1024.0 * 1.073741824 << "\n";
  return s.str();
}

std::string group_job_script(const SlurmScriptInputs& in) {
  std::ostringstream s;
  s << header(in, in.job_name + "-group", "group-%j.out",
              "acuroi group level (and meta-analysis when configured), after every array task succeeded.")
    << "exec " << shell_quote(in.acuroi.string()) << " run " << shell_quote(in.config.string())
    << " --stage group --threads \"${SLURM_CPUS_PER_TASK:-" << in.resources.cpus << "}\"\n";
  return s.str();
}

}  // namespace acuroi::hpc
