// Memory and time: the budget of `acuroi run` and the requests of SLURM jobs, from the manifest's
// estimates (work_manifest.hpp). Memory in bytes (requests in MB = 2^20 bytes), time in minutes.
//
// One participant in flight = its largest run's working memory + kParticipantOverheadBytes
// (record, measures, HDF5 buffers). A process = kProcessBaseBytes (libraries, atlas, ROI maps).
// A SLURM array task with C CPUs runs min(C, its participants) of them at once; it requests
// (base + that many of its largest participants) x kSafetyFactor, and a time of its total
// estimated seconds / C x kTimeSafetyFactor + kTimeSlackMinutes. The array uses the largest
// shard's figures (one script for every task); the config's task_* values override them.
//
//   int parallel = concurrency_for_budget(threads, manifest.max_memory_bytes(), budget);
//   JobResources task = array_task_resources(manifest, shards, config.hpc);
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "acuroi/config/hpc_settings.hpp"
#include "acuroi/hpc/work_manifest.hpp"

namespace acuroi::hpc {

inline constexpr std::int64_t kParticipantOverheadBytes = 64LL << 20;
inline constexpr std::int64_t kProcessBaseBytes = 256LL << 20;
inline constexpr double kSafetyFactor = 1.5;
inline constexpr double kTimeSafetyFactor = 3.0;
inline constexpr int kTimeSlackMinutes = 10;

// 80% of the machine's physical memory.
double default_memory_budget_bytes();

// The estimated memory of one participant in flight.
std::int64_t participant_memory_bytes(const ParticipantWork& work);

// How many participants may run at once: at most `threads`, and as many of the largest
// `participant_bytes` as fit in `budget_bytes` after the process base (at least 1).
int concurrency_for_budget(int threads, std::int64_t participant_bytes, double budget_bytes);

struct JobResources {
  int cpus = 1;
  std::int64_t memory_mb = 0;
  int time_minutes = 0;
  bool derived_memory = true, derived_time = true;  // false when set by the config
};

JobResources array_task_resources(const WorkManifest& manifest,
                                  const std::vector<std::vector<std::string>>& shards,
                                  const config::HpcSettings& settings);
// The group/meta job: reads every participant file (small) and runs the permutations.
JobResources group_job_resources(const WorkManifest& manifest, const config::HpcSettings& settings);

// SLURM's time format: "D-HH:MM:SS" or "HH:MM:SS".
std::string slurm_time(int minutes);

}  // namespace acuroi::hpc
