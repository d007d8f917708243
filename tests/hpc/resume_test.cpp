// `acuroi run` / `acuroi status` end to end on a copy of the demo study (8 participants):
// - failure isolation: a corrupt BOLD fails its participant alone (failed marker with the reason,
//   its log, exit 4, group not run); once fixed, only that participant is redone;
// - stale detection: touching an input makes exactly that participant stale, changing a
//   participant-level config value makes every participant stale, changing settings that do not
//   change the outputs (hpc.partition, extraction.threads) keeps them done;
// - kill and resume: SIGKILL at a series of moments (also within the meta-analysis and report
//   steps), then runs until one completes; the outputs
//   equal those of an uninterrupted run byte for byte (creation timestamps and the hashes that
//   cover them masked) and no temporary file is left.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "hpc_test_support.hpp"

namespace acuroi::hpc::testing {
namespace {

const char* const kBold03 = "sub-03/ses-pre/func/sub-03_ses-pre_task-rest_space-MNI152NLin6Asym_res-8_desc-preproc_bold.nii.gz";
const char* const kBold02 = "sub-02/ses-post/func/sub-02_ses-post_task-rest_space-MNI152NLin6Asym_res-8_desc-preproc_bold.nii.gz";

int count_markers(const fs::path& out, const std::string& name) {
  int n = 0;
  for (int i = 1; i <= 8; ++i) n += fs::exists(out / ("sub-0" + std::to_string(i)) / name) ? 1 : 0;
  return n;
}

// The status line of one participant ("sub-03        failed   2      <reason>").
std::string status_line(const std::string& output, const std::string& participant) {
  const auto at = output.find("\n" + participant + " ");
  return at == std::string::npos ? "" : output.substr(at + 1, output.find('\n', at + 1) - at - 1);
}

TEST(Resume, FailingParticipantIsIsolatedAndRedoneAloneOnceFixed) {
  Scratch s("isolation");
  copy_demo_dataset(s.path() / "ds");
  const fs::path out = s.path() / "out";
  const auto config = write_demo_config(s.path() / "c.yaml", s.path() / "ds", out);
  const fs::path bold = s.path() / "ds" / kBold03;
  fs::copy_file(bold, s.path() / "bold03.bak");
  const std::string good = read_file(bold);
  write_file(bold, good.substr(0, good.size() / 2));  // a truncated gzip stream

  const Ran first = acuroi({"run", config.string(), "--threads", "2"});
  EXPECT_EQ(first.exit_code, 4) << first.output;
  EXPECT_NE(first.output.find("sub-03        FAILED"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("7 processed, 0 skipped (already done), 1 failed"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("group: skipped (1 participant(s) failed)"), std::string::npos) << first.output;
  EXPECT_EQ(count_markers(out, ".acuroi-done.json"), 7);
  ASSERT_TRUE(fs::exists(out / "sub-03" / ".acuroi-failed.json"));
  EXPECT_NE(read_file(out / "sub-03" / ".acuroi-failed.json").find(bold.string()), std::string::npos)
      << "the reason names the file";
  EXPECT_FALSE(fs::exists(out / "sub-03" / "sub-03_acuroi.h5"));
  EXPECT_NE(read_file(out / "logs" / "sub-03.log").find("FAILED: "), std::string::npos);
  EXPECT_NE(read_file(out / "logs" / "sub-01.log").find("done: 2 runs"), std::string::npos);
  EXPECT_FALSE(fs::exists(out / "group"));

  const Ran status = acuroi({"status", config.string()});
  EXPECT_EQ(status.exit_code, 4) << status.output;
  EXPECT_EQ(status_line(status.output, "sub-03").substr(0, 23), "sub-03        failed   ") << status.output;
  EXPECT_EQ(status_line(status.output, "sub-04").substr(0, 23), "sub-04        done     ") << status.output;
  EXPECT_NE(status.output.find("7 done, 1 failed, 0 stale, 0 pending; group pending"), std::string::npos) << status.output;

  fs::remove(bold);
  fs::copy_file(s.path() / "bold03.bak", bold);  // fixed
  const Ran second = acuroi({"run", config.string(), "--threads", "2"});
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("1 processed, 7 skipped (already done), 0 failed"), std::string::npos) << second.output;
  EXPECT_NE(second.output.find("group: done"), std::string::npos) << second.output;
  EXPECT_EQ(count_markers(out, ".acuroi-done.json"), 8);
  EXPECT_EQ(count_markers(out, ".acuroi-failed.json"), 0);
  const Ran done = acuroi({"status", config.string()});
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_NE(done.output.find("8 done, 0 failed, 0 stale, 0 pending; group done"), std::string::npos) << done.output;
}

TEST(Resume, TouchedInputsAndChangedConfigMakeParticipantsStale) {
  Scratch s("stale");
  copy_demo_dataset(s.path() / "ds");
  const fs::path out = s.path() / "out";
  const auto config = write_demo_config(s.path() / "c.yaml", s.path() / "ds", out);
  // A memory budget too small for two participants at once runs them one at a time.
  const Ran budget = acuroi({"run", config.string(), "--quiet", "--threads", "2", "--memory-budget", "0.3"});
  ASSERT_EQ(budget.exit_code, 0) << budget.output;
  EXPECT_NE(budget.output.find("8 processed, 0 skipped (already done), 0 failed; 1 at once"), std::string::npos)
      << budget.output;
  ASSERT_EQ(acuroi({"status", config.string()}).exit_code, 0);

  // Touch one input: only that participant is stale; the run redoes it alone.
  const fs::path bold = s.path() / "ds" / kBold02;
  fs::last_write_time(bold, fs::last_write_time(bold) + std::chrono::seconds(5));
  const Ran touched = acuroi({"status", config.string()});
  EXPECT_EQ(touched.exit_code, 4) << touched.output;
  const std::string line = status_line(touched.output, "sub-02");
  EXPECT_EQ(line.substr(0, 23), "sub-02        stale    ") << touched.output;
  EXPECT_NE(line.find("input changed: " + bold.string()), std::string::npos) << line;
  EXPECT_NE(touched.output.find("7 done, 0 failed, 1 stale, 0 pending"), std::string::npos) << touched.output;
  const Ran redo = acuroi({"run", config.string(), "--quiet"});
  EXPECT_EQ(redo.exit_code, 0) << redo.output;
  EXPECT_NE(redo.output.find("1 processed, 7 skipped (already done), 0 failed"), std::string::npos) << redo.output;
  EXPECT_NE(redo.output.find("redone: input changed: " + bold.string()), std::string::npos) << redo.output;

  // Settings that do not change a participant's outputs keep every participant done.
  const std::string original = read_file(config);
  write_file(config, original + "hpc:\n  partition: long\n");
  std::string text = read_file(config);
  text.replace(text.find("threads: 0"), 10, "threads: 1");
  write_file(config, text);
  const Ran same = acuroi({"status", config.string()});
  EXPECT_EQ(same.exit_code, 0) << same.output;
  EXPECT_NE(same.output.find("8 done, 0 failed, 0 stale, 0 pending"), std::string::npos) << same.output;

  // A participant-level value makes all of them stale, with the section named.
  text.replace(text.find("fd_threshold_mm: 0.5"), 20, "fd_threshold_mm: 0.4");
  write_file(config, text);
  const Ran changed = acuroi({"status", config.string()});
  EXPECT_EQ(changed.exit_code, 4) << changed.output;
  EXPECT_NE(changed.output.find("0 done, 0 failed, 8 stale, 0 pending"), std::string::npos) << changed.output;
  EXPECT_NE(status_line(changed.output, "sub-05").find("config section denoise changed"), std::string::npos)
      << changed.output;
  const Ran all = acuroi({"run", config.string(), "--quiet"});
  EXPECT_EQ(all.exit_code, 0) << all.output;
  EXPECT_NE(all.output.find("8 processed, 0 skipped (already done), 0 failed"), std::string::npos) << all.output;
  EXPECT_EQ(acuroi({"status", config.string()}).exit_code, 0);
}

// Starts `acuroi run CONFIG`, SIGKILLs it after `seconds` unless it ended first; true if killed.
bool run_and_kill(const fs::path& config, double seconds) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(ACUROI_BINARY, ACUROI_BINARY, "run", config.c_str(), "--quiet", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

TEST(Resume, KilledAtAnyMomentAndRerunGivesTheUninterruptedOutputs) {
  Scratch s("kill");
  copy_demo_dataset(s.path() / "ds");
  const fs::path out = s.path() / "out";
  const auto config = write_demo_config(s.path() / "c.yaml", s.path() / "ds", out);
  const auto start = std::chrono::steady_clock::now();
  const Ran reference = acuroi({"run", config.string(), "--quiet"});
  ASSERT_EQ(reference.exit_code, 0) << reference.output;
  const double full = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fs::rename(out, s.path() / "reference");  // the outputs embed output.dir: rerun in the same place

  // Kills at growing delays; each rerun resumes from what the previous one committed.
  int kills = 0, mid_batch = 0, after_participants = 0;
  std::vector<std::string> seen;
  for (double delay = 0.05 * full; kills < 40; delay += 0.11 * full) {
    if (!run_and_kill(config, delay)) break;
    ++kills;
    const int done = count_markers(out, ".acuroi-done.json");
    // No partial file is ever taken for a complete one: a participant with a done marker has
    // exactly the reference outputs, whenever the kill came.
    for (int i = 1; i <= 8; ++i) {
      const std::string sub = "sub-0" + std::to_string(i);
      if (fs::exists(out / sub / ".acuroi-done.json"))
        EXPECT_EQ(tree_difference(output_tree(s.path() / "reference" / sub), output_tree(out / sub)), "")
            << sub << " after kill " << kills;
    }
    mid_batch += done > 0 && done < 8;
    after_participants += done == 8 && !fs::exists(out / "group" / ".acuroi-done.json");
    seen.push_back(std::to_string(done));
  }
  // Kills within the steps after the participants: with every participant and the group done, a
  // run rewrites the meta-analysis and the report, so these kills land while they are written.
  const auto tail_start = std::chrono::steady_clock::now();
  ASSERT_EQ(acuroi({"run", config.string(), "--quiet"}).exit_code, 0);
  const double tail = std::chrono::duration<double>(std::chrono::steady_clock::now() - tail_start).count();
  int tail_kills = 0;
  for (const double fraction : {0.3, 0.45, 0.6, 0.75, 0.9}) tail_kills += run_and_kill(config, fraction * tail) ? 1 : 0;
  EXPECT_GE(tail_kills, 2) << "meta + report take " << tail << " s";
  const Ran last = acuroi({"run", config.string(), "--quiet"});
  ASSERT_EQ(last.exit_code, 0) << last.output;
  EXPECT_GE(kills, 3) << "the run was killed " << kills << " times (full run " << full << " s)";
  EXPECT_GE(mid_batch + after_participants, 1) << "no kill landed after the first participant was done";
  std::string markers_after_each_kill;
  for (const auto& n : seen) markers_after_each_kill += n + " ";
  std::cout << "full run " << full << " s; " << kills << " kills; done markers after each: " << markers_after_each_kill
            << "(" << mid_batch << " mid-batch, " << after_participants << " after the participants); " << tail_kills
            << " kills in meta + report (" << tail << " s)\n";

  const auto expected = output_tree(s.path() / "reference");
  const auto resumed = output_tree(out);
  EXPECT_GT(expected.size(), 8u * 3);
  for (const char* group_file : {"group/group_acuroi.h5", "group/group_tests.tsv", "group/group_glm.tsv"})
    EXPECT_TRUE(expected.count(group_file)) << group_file;
  EXPECT_TRUE(expected.count("sub-05/sub-05_acuroi.h5"));
  EXPECT_EQ(tree_difference(expected, resumed), "");
  for (const auto& entry : fs::recursive_directory_iterator(out))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  const Ran status = acuroi({"status", config.string()});
  EXPECT_EQ(status.exit_code, 0) << status.output;
}

TEST(Submit, DryRunWritesTheManifestAndScriptsAndSubmitsNothing) {
  Scratch s("dryrun");
  copy_demo_dataset(s.path() / "ds");
  const fs::path out = s.path() / "out";
  const auto config = write_demo_config(s.path() / "c.yaml", s.path() / "ds", out,
                                        "hpc:\n  partition: short\n  max_array_throttle: 2\n  modules: [hdf5]\n");
  const Ran dry = acuroi({"submit", config.string(), "--shards", "3", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("$ sbatch --parsable --array=1-3%2 " + (out / "hpc" / "array.sbatch").string()), std::string::npos)
      << dry.output;
  EXPECT_NE(dry.output.find("--dependency=afterok:<array job id> --kill-on-invalid-dep=yes"), std::string::npos);
  EXPECT_FALSE(fs::exists(out / "hpc" / "jobs.json")) << "nothing was submitted";
  const std::string array = read_file(out / "hpc" / "array.sbatch");
  EXPECT_NE(array.find("\n#SBATCH --partition=short\n"), std::string::npos) << array;
  EXPECT_NE(array.find("\nmodule load 'hdf5'\n"), std::string::npos) << array;
  EXPECT_EQ(run("bash -n '" + (out / "hpc" / "array.sbatch").string() + "'").exit_code, 0);
  EXPECT_EQ(run("bash -n '" + (out / "hpc" / "group.sbatch").string() + "'").exit_code, 0);
  // The manifest: 8 participants x 2 units, every participant in exactly one of 3 shards.
  const std::string manifest = read_file(out / "hpc" / "manifest.json");
  for (int i = 1; i <= 8; ++i)
    EXPECT_NE(manifest.find("\"label\": \"0" + std::to_string(i) + "\""), std::string::npos) << i;
  // Running one shard of it processes exactly that shard's participants.
  const Ran shard = acuroi({"run", config.string(), "--stage", "participant", "--manifest",
                            (out / "hpc" / "manifest.json").string(), "--shard", "2/3", "--quiet"});
  EXPECT_EQ(shard.exit_code, 0) << shard.output;
  EXPECT_NE(shard.output.find("shard 2/3: "), std::string::npos) << shard.output;
  const int done = count_markers(out, ".acuroi-done.json");
  EXPECT_GE(done, 2);
  EXPECT_LE(done, 3);
  EXPECT_NE(shard.output.find("group: not run (participant stage only)"), std::string::npos);
}

}  // namespace
}  // namespace acuroi::hpc::testing
