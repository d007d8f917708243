// The manifest of a study's work: its units (participant x session x run) in a deterministic
// order (participants by label, sessions pre then post, runs in natural order), with the
// estimated memory and time of each, read from the NIfTI headers only. A participant is the unit
// of output (one HDF5 file), so shards and markers work on whole participants.
//
// Estimates: bytes of voxel data to decode; memory = streaming buffers (two raw + two float
// volumes, mask, label index) + the ROI-voxel time series kept for voxelwise measures (8 bytes
// per ROI voxel per volume); seconds from single-thread decode throughputs (gzip 250 MB/s, plain
// 1.5 GB/s, as participant/plan.cpp). They size SLURM requests and the memory budget of `run`.
//
//   WorkManifest manifest = make_work_manifest(study);
//   for (const auto& p : manifest.participants) std::cout << p.label << " " << p.memory_bytes;
//   write_work_manifest(manifest, shards, "out/hpc/manifest.json");
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/participant/study_inputs.hpp"

namespace acuroi::hpc {

struct WorkUnit {
  std::string participant, session, run;  // labels without prefixes; run "" when unnamed
  std::filesystem::path bold;
  std::int64_t volumes = 0;
  std::int64_t voxel_bytes = 0;   // voxel data to decode
  std::int64_t memory_bytes = 0;  // estimated working memory while this run is processed
  double seconds = 0;             // estimated single-thread time
};

struct ParticipantWork {
  std::string label;
  std::vector<WorkUnit> units;    // may be empty (then the participant fails with its reason)
  std::int64_t memory_bytes = 0;  // peak: the largest unit's
  double seconds = 0;             // sum over units
};

struct WorkManifest {
  std::string study;
  std::vector<ParticipantWork> participants;  // dataset order (by label)
  std::int64_t max_memory_bytes() const;
  double total_seconds() const;
  std::size_t unit_count() const;
  const ParticipantWork* find(const std::string& label) const;
};

WorkManifest make_work_manifest(const participant::StudyInputs& study);

// The manifest with its shard assignment as JSON (written atomically); read back by SLURM array
// tasks so every task sees the shards `acuroi submit` made, even if the data change meanwhile.
void write_work_manifest(const WorkManifest& manifest, const std::vector<std::vector<std::string>>& shards,
                         const std::filesystem::path& path);
struct StoredManifest {
  WorkManifest manifest;
  std::vector<std::vector<std::string>> shards;  // shard i (1-based) = shards[i - 1]
};
// Throws core::InputError naming the file and the field for a missing or malformed file.
StoredManifest read_work_manifest(const std::filesystem::path& path);

}  // namespace acuroi::hpc
