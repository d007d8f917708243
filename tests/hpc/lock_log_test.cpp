// `acuroi run` with other processes around, on a copy of the demo study (8 participants):
// - a participant whose lock another process holds (here: this test process, with flock on the
//   lock file, as a second acuroi would) is left alone and reported busy, the others are
//   processed, the exit code is 4 and the group step waits; once the lock is released, the next
//   run processes that participant alone;
// - the library's log lines about a participant (here: a sidecar RepetitionTime that disagrees
//   with the BOLD header) land in that participant's log file, and in no other participant's.
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <fcntl.h>

#include <string>

#include "hpc_test_support.hpp"

namespace acuroi::hpc::testing {
namespace {

const char* const kSidecar02 = "sub-02/ses-post/func/sub-02_ses-post_task-rest_space-MNI152NLin6Asym_res-8_desc-preproc_bold.json";

TEST(Batch, ParticipantLockedByAnotherProcessIsLeftAloneAndReportedBusy) {
  Scratch s("lock");
  copy_demo_dataset(s.path() / "ds");
  const fs::path out = s.path() / "out";
  const auto config = write_demo_config(s.path() / "c.yaml", s.path() / "ds", out);
  const fs::path lock = out / "hpc" / "locks" / "sub-05.lock";
  fs::create_directories(lock.parent_path());
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  const std::string holder = "pid " + std::to_string(::getpid()) + " on the test host";
  ASSERT_EQ(::write(fd, holder.data(), holder.size()), static_cast<ssize_t>(holder.size()));

  const Ran first = acuroi({"run", config.string(), "--threads", "2"});
  EXPECT_EQ(first.exit_code, 4) << first.output;
  EXPECT_NE(first.output.find("sub-05        BUSY"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("another acuroi process is working on it (" + holder + "; lock " + lock.string() + ")"),
            std::string::npos) << first.output;
  EXPECT_NE(first.output.find("7 processed, 0 skipped (already done), 0 failed, 1 busy in another process"),
            std::string::npos) << first.output;
  EXPECT_NE(first.output.find("group: skipped (0 participant(s) failed, 1 busy in another process)"), std::string::npos)
      << first.output;
  EXPECT_FALSE(fs::exists(out / "sub-05" / ".acuroi-done.json"));
  EXPECT_FALSE(fs::exists(out / "sub-05" / ".acuroi-failed.json")) << "busy is not a failure of sub-05";
  EXPECT_FALSE(fs::exists(out / "sub-05" / "sub-05_acuroi.h5"));
  EXPECT_TRUE(fs::exists(out / "sub-04" / ".acuroi-done.json"));
  EXPECT_EQ(read_file(lock), holder) << "the lock's holder text is left as the holder wrote it";

  ::close(fd);  // released, as when the other process exits
  const Ran second = acuroi({"run", config.string(), "--threads", "2"});
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("1 processed, 7 skipped (already done), 0 failed;"), std::string::npos) << second.output;
  EXPECT_TRUE(fs::exists(out / "sub-05" / ".acuroi-done.json"));
  EXPECT_EQ(read_file(lock), "") << "a released lock file is emptied by its holder";
}

TEST(Batch, LibraryLogLinesGoToTheParticipantsOwnLog) {
  Scratch s("log");
  copy_demo_dataset(s.path() / "ds");
  const fs::path out = s.path() / "out";
  const auto config = write_demo_config(s.path() / "c.yaml", s.path() / "ds", out);
  write_file(s.path() / "ds" / kSidecar02, R"({"RepetitionTime": 2.5, "TaskName": "rest"})");
  const Ran ran = acuroi({"run", config.string(), "--stage", "participant", "--threads", "2"});
  EXPECT_EQ(ran.exit_code, 0) << ran.output;
  const std::string log02 = read_file(out / "logs" / "sub-02.log");
  const auto at = log02.find("[warning] " + (s.path() / "ds" / kSidecar02).string() + ": RepetitionTime = 2.5 differs");
  EXPECT_NE(at, std::string::npos) << log02;
  EXPECT_LT(at, log02.find("done: 2 runs")) << "logged while sub-02 was processed:\n" << log02;
  for (const char* other : {"sub-01", "sub-03", "sub-04", "sub-05", "sub-06", "sub-07", "sub-08"}) {
    const std::string log = read_file(out / "logs" / (std::string(other) + ".log"));
    EXPECT_NE(log.find("done: 2 runs"), std::string::npos) << other;
    EXPECT_EQ(log.find("RepetitionTime"), std::string::npos) << other << ":\n" << log;
  }
}

}  // namespace
}  // namespace acuroi::hpc::testing
