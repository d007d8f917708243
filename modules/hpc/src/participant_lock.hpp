// Internal: an exclusive, advisory lock per participant (flock on
// <output.dir>/hpc/locks/sub-<label>.lock), so two acuroi processes on the same output folder
// (a second `acuroi run`, overlapping shards) never process one participant at once. The kernel
// drops the lock when its holder exits, however it exits (SIGKILL included): a stale lock file
// never blocks anyone.
#pragma once
#include <filesystem>
#include <string>

namespace acuroi::hpc::detail {

class ParticipantLock {
 public:
  // Tries to take the lock without waiting; held() says whether it was taken. When it was not,
  // holder() describes who has it ("pid 123 on node7 since 2026-11-21T10:00:00Z").
  ParticipantLock(const std::filesystem::path& output_dir, const std::string& label);
  ~ParticipantLock();
  ParticipantLock(const ParticipantLock&) = delete;
  ParticipantLock& operator=(const ParticipantLock&) = delete;

  bool held() const { return held_; }
  const std::string& holder() const { return holder_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool held_ = false;
  std::string holder_;
};

}  // namespace acuroi::hpc::detail
