// Shards: sets of whole participants, balanced by estimated cost, in a deterministic assignment.
// Shard indices are 1-based ("--shard 2/4" is the second of four), as SLURM array indices 1..N.
//
// Assignment (greedy longest-processing-time): participants by estimated seconds, largest first
// (ties by label), each to the shard with the least total so far (ties: the lowest index); each
// shard then lists its participants in dataset order. Every participant is in exactly one shard;
// a shard may be empty when there are more shards than participants.
//
//   ShardSpec s = parse_shard("2/4");                       // {2, 4}
//   auto shards = assign_shards(manifest, 4);               // shards[1] = labels of shard 2
#pragma once
#include <string>
#include <vector>

#include "acuroi/hpc/work_manifest.hpp"

namespace acuroi::hpc {

struct ShardSpec {
  int index = 1;  // 1..count
  int count = 1;
  bool operator==(const ShardSpec&) const = default;
};

// "i/N" with 1 <= i <= N. Throws core::ConfigError naming `option` and the text.
ShardSpec parse_shard(const std::string& text, const std::string& option = "--shard");

std::vector<std::vector<std::string>> assign_shards(const WorkManifest& manifest, int count);

}  // namespace acuroi::hpc
