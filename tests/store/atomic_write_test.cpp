// Atomicity of participant files: the target appears only on commit, a failure while writing
// leaves neither a target nor a temporary, and an overwrite keeps the old file intact until the
// rename.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>

#include "acuroi/core/error.hpp"
#include "acuroi/store/participant_file.hpp"
#include "record_equality.hpp"
#include "sample_record.hpp"

namespace fs = std::filesystem;
using namespace acuroi::store;
using namespace acuroi::store::testing;

namespace {

std::vector<std::string> directory_listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Limits the size of files this process may write (RLIMIT_FSIZE), so that writing past
// `bytes` fails with EFBIG as on a full disk; restores the old limit when destroyed.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    std::signal(SIGXFSZ, SIG_IGN);  // get EFBIG from write() instead of being killed
    ::getrlimit(RLIMIT_FSIZE, &old_);
    rlimit limit = old_;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() { ::setrlimit(RLIMIT_FSIZE, &old_); }

 private:
  rlimit old_{};
};

ParticipantRecord large_record() {
  ParticipantRecord record = sample_record();
  record.runs[0].time_series = sample_series(40000, 3, 9.0);  // ~1 MB of doubles
  record.runs[0].volume_count = 40000;
  record.runs[0].arrays.clear();
  return record;
}

}  // namespace

TEST(AtomicWrite, TargetAppearsOnlyOnCommit) {
  const fs::path dir = fresh_directory("commit");
  const ParticipantRecord record = sample_record();
  const fs::path target = dir / "sub-01_acuroi.h5";
  {
    acuroi::core::AtomicFile out(target);
    write_participant_record(record, out);
    EXPECT_FALSE(fs::exists(target));
    // The temporary is complete before the rename: it reads back in full.
    expect_same_record(read_participant_record(out.temporary_path()), record);
    out.commit();
    EXPECT_FALSE(fs::exists(out.temporary_path()));
  }
  EXPECT_EQ(directory_listing(dir), std::vector<std::string>{"sub-01_acuroi.h5"});
  expect_same_record(read_participant_record(target), record);
  {
    acuroi::core::AtomicFile abandoned(dir / "sub-02_acuroi.h5");
    write_participant_record(record, abandoned);
  }  // destroyed without commit
  EXPECT_EQ(directory_listing(dir), std::vector<std::string>{"sub-01_acuroi.h5"});
  fs::remove_all(dir);
}

TEST(AtomicWrite, FailureWhileWritingLeavesNoTargetAndNoTemporary) {
  const fs::path dir = fresh_directory("failure");
  const fs::path target = dir / "sub-01_acuroi.h5";
  const ParticipantRecord record = large_record();
  {
    const FileSizeLimit limit(64 * 1024);
    EXPECT_THROW(write_participant_record(record, target), acuroi::core::Error);
  }
  EXPECT_TRUE(directory_listing(dir).empty()) << directory_listing(dir).front();
  // Without the limit the same record is written.
  write_participant_record(record, target);
  EXPECT_EQ(directory_listing(dir), std::vector<std::string>{"sub-01_acuroi.h5"});
  EXPECT_GT(fs::file_size(target), 64u * 1024u);
  fs::remove_all(dir);
}

TEST(AtomicWrite, FailedOverwriteKeepsTheOldFile) {
  const fs::path dir = fresh_directory("failed_overwrite");
  const fs::path target = dir / "sub-01_acuroi.h5";
  const ParticipantRecord old_record = sample_record();
  write_participant_record(old_record, target);
  const std::string old_bytes = read_bytes(target);
  {
    const FileSizeLimit limit(old_bytes.size() + 1024);
    EXPECT_THROW(write_participant_record(large_record(), target), acuroi::core::Error);
  }
  EXPECT_EQ(directory_listing(dir), std::vector<std::string>{"sub-01_acuroi.h5"});
  EXPECT_TRUE(read_bytes(target) == old_bytes);
  expect_same_record(read_participant_record(target), old_record);
  fs::remove_all(dir);
}

TEST(AtomicWrite, OverwriteReplacesTheOldFileOnlyAtTheRename) {
  const fs::path dir = fresh_directory("overwrite");
  const fs::path target = dir / "sub-01_acuroi.h5";
  const ParticipantRecord old_record = sample_record();
  write_participant_record(old_record, target);
  const std::string old_bytes = read_bytes(target);
  ParticipantRecord new_record = sample_record();
  new_record.arm = "sham";
  new_record.runs.pop_back();
  new_record.runs[0].time_series(0, 1) = 42.0;
  acuroi::core::AtomicFile out(target);
  write_participant_record(new_record, out);
  // The new content is complete in the temporary; the old file is untouched.
  EXPECT_TRUE(read_bytes(target) == old_bytes);
  expect_same_record(read_participant_record(target), old_record);
  out.commit();
  expect_same_record(read_participant_record(target), new_record);
  EXPECT_EQ(directory_listing(dir), std::vector<std::string>{"sub-01_acuroi.h5"});
  fs::remove_all(dir);
}
