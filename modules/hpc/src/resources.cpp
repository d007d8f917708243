#include "acuroi/hpc/resources.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace acuroi::hpc {

double default_memory_budget_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? 0.8 * static_cast<double>(pages) * static_cast<double>(page) : 4e9;
}

std::int64_t participant_memory_bytes(const ParticipantWork& work) {
  return work.memory_bytes + kParticipantOverheadBytes;
}

int concurrency_for_budget(int threads, std::int64_t participant_bytes, double budget_bytes) {
  const double available = budget_bytes - static_cast<double>(kProcessBaseBytes);
  const double fitting = participant_bytes > 0 ? std::floor(available / static_cast<double>(participant_bytes)) : threads;
  return std::max(1, std::min(threads, static_cast<int>(std::max(0.0, std::min(fitting, 1e6)))));
}

namespace {
std::int64_t to_mb_ceil(double bytes) { return static_cast<std::int64_t>(std::ceil(bytes / (1 << 20))); }

int minutes_ceil(double seconds) { return static_cast<int>(std::ceil(seconds / 60.0)); }
}  // namespace

JobResources array_task_resources(const WorkManifest& manifest, const std::vector<std::vector<std::string>>& shards,
                                  const config::HpcSettings& settings) {
  JobResources r;
  r.cpus = std::max(1, settings.cpus_per_task);
  double memory = 0, seconds = 0;
  for (const auto& shard : shards) {
    std::vector<std::int64_t> sizes;
    double shard_seconds = 0;
    for (const auto& label : shard)
      if (const ParticipantWork* p = manifest.find(label)) {
        sizes.push_back(participant_memory_bytes(*p));
        shard_seconds += p->seconds;
      }
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    double in_flight = 0;
    for (std::size_t i = 0; i < sizes.size() && i < static_cast<std::size_t>(r.cpus); ++i) in_flight += sizes[i];
    memory = std::max(memory, (kProcessBaseBytes + in_flight) * kSafetyFactor);
    seconds = std::max(seconds, shard_seconds / r.cpus);
  }
  r.memory_mb = to_mb_ceil(memory);
  r.time_minutes = minutes_ceil(seconds * kTimeSafetyFactor) + kTimeSlackMinutes;
  if (settings.task_memory_gb > 0) {
    r.memory_mb = to_mb_ceil(settings.task_memory_gb * 1e9);
    r.derived_memory = false;
  }
  if (settings.task_time_minutes > 0) {
    r.time_minutes = settings.task_time_minutes;
    r.derived_time = false;
  }
  return r;
}

JobResources group_job_resources(const WorkManifest& manifest, const config::HpcSettings& settings) {
  JobResources r;
  r.cpus = std::max(1, settings.cpus_per_task);
  // Participant files are small (ROI series and tables); 4 MB each is generous.
  const double memory = (kProcessBaseBytes + 4.0 * (1 << 20) * manifest.participants.size()) * kSafetyFactor;
  r.memory_mb = std::max<std::int64_t>(1024, to_mb_ceil(memory));
  r.time_minutes = 60;
  if (settings.group_memory_gb > 0) {
    r.memory_mb = to_mb_ceil(settings.group_memory_gb * 1e9);
    r.derived_memory = false;
  }
  if (settings.group_time_minutes > 0) {
    r.time_minutes = settings.group_time_minutes;
    r.derived_time = false;
  }
  return r;
}

std::string slurm_time(int minutes) {
  char text[32];
  const int days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
  if (days > 0)
    std::snprintf(text, sizeof text, "%d-%02d:%02d:00", days, hours, mins);
  else
    std::snprintf(text, sizeof text, "%02d:%02d:00", hours, mins);
  return text;
}

}  // namespace acuroi::hpc
