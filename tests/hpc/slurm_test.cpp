// `acuroi submit` on a real one-node SLURM cluster (scripts/slurm-local.sh: slurmctld, slurmd and
// a private munged on 127.0.0.1). The demo study as 4 shards gives the same group results as
// `acuroi run`; with one participant's BOLD corrupt, its array task fails, the group job is
// cancelled, `acuroi status` shows both; once fixed, `--resubmit-failed` submits that shard alone
// and a new group job, and the study completes with the same results. On a cluster whose
// MaxArraySize is 4, 8 shards are capped to 3 and the capped array runs; with every participant
// done but the group outputs gone, `acuroi submit` submits the group job alone. If the cluster
// cannot start, the test fails with the reason (it is never skipped).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "acuroi/hpc/job_record.hpp"
#include "acuroi/hpc/slurm_parse.hpp"
#include "acuroi/hpc/work_manifest.hpp"
#include "hpc_test_support.hpp"

namespace acuroi::hpc::testing {
namespace {

const std::string kScript = std::string(ACUROI_SOURCE_DIR) + "/scripts/slurm-local.sh";
const char* const kBold03 = "sub-03/ses-pre/func/sub-03_ses-pre_task-rest_space-MNI152NLin6Asym_res-8_desc-preproc_bold.nii.gz";
const char* const kGroupTables[] = {"group_tests.tsv", "group_glm.tsv", "group_study_records.tsv", "group_exclusions.tsv"};

class LocalSlurm {
 public:
  // Empty when the cluster is up, else why not.
  std::string start() {
    if (run("command -v slurmctld").exit_code != 0) {
      const Ran install = run(kScript + " install");
      if (install.exit_code != 0) return "slurm-local.sh install failed:\n" + install.output;
    }
    const Ran started = run(kScript + " start 2>/dev/null");
    if (started.exit_code != 0) return "slurm-local.sh start failed:\n" + run(kScript + " start").output;
    std::istringstream lines(started.output);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("export ", 0) != 0) continue;
      const auto eq = line.find('=');
      const std::string key = line.substr(7, eq - 7), value = line.substr(eq + 1);
      ::setenv(key.c_str(), value.c_str(), 1);
      if (key == "SLURM_LOCAL_DIR") dir_ = value;
    }
    return dir_.empty() ? "slurm-local.sh start printed no SLURM_LOCAL_DIR:\n" + started.output : "";
  }
  ~LocalSlurm() {
    if (!dir_.empty()) run("SLURM_LOCAL_DIR='" + dir_ + "' " + kScript + " stop");
  }

 private:
  std::string dir_;
};

// The final state of a job (polls scontrol every 0.5 s, up to `seconds`).
std::string wait_for_job(const std::string& id, int seconds) {
  std::string state = "TIMEOUT_WAITING";
  for (int i = 0; i < seconds * 2; ++i) {
    const auto records = parse_scontrol_jobs(run("scontrol -o show job " + id).output);
    if (!records.empty()) {
      state = records.front().state;
      if (!is_active_state(state)) return state;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return state;
}

void expect_same_group_tables(const fs::path& a, const fs::path& b) {
  for (const char* table : kGroupTables) {
    ASSERT_TRUE(fs::exists(a / "group" / table)) << a / "group" / table;
    ASSERT_TRUE(fs::exists(b / "group" / table)) << b / "group" / table;
    EXPECT_EQ(read_file(a / "group" / table), read_file(b / "group" / table)) << table;
  }
  // Not trivially equal: 8 participants, every ROI x measure tested.
  EXPECT_GT(fs::file_size(a / "group" / "group_tests.tsv"), 10000u);
  const std::string exclusions = read_file(a / "group" / "group_exclusions.tsv");
  EXPECT_EQ(std::count(exclusions.begin(), exclusions.end(), '\n'), 1) << "header only: nobody left out";
}

TEST(Slurm, DemoAsFourShardsThenAFailedShardResubmittedAlone) {
  LocalSlurm slurm;
  const std::string problem = slurm.start();
  ASSERT_EQ(problem, "") << "the local SLURM cluster did not start";
  Scratch s("slurm");
  copy_demo_dataset(s.path() / "ds");
  const auto run_config = write_demo_config(s.path() / "run.yaml", s.path() / "ds", s.path() / "run");
  const Ran reference = acuroi({"run", run_config.string(), "--quiet"});
  ASSERT_EQ(reference.exit_code, 0) << reference.output;

  // 1. The demo as 4 shards: the same group results as `acuroi run`.
  const fs::path out = s.path() / "slurm";
  const auto config = write_demo_config(s.path() / "slurm.yaml", s.path() / "ds", out);
  const Ran submitted = acuroi({"submit", config.string(), "--shards", "4"});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.output;
  auto jobs = read_job_record(jobs_record_path(out));
  ASSERT_TRUE(jobs && jobs->submissions.size() == 1) << submitted.output;
  EXPECT_EQ(jobs->submissions[0].array_indices, "1-4");
  EXPECT_EQ(wait_for_job(jobs->submissions[0].group_job, 120), "COMPLETED")
      << read_file(out / "logs" / "slurm" / ("group-" + jobs->submissions[0].group_job + ".out"));
  const Ran status = acuroi({"status", config.string()});
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("array job " + jobs->submissions[0].array_job + " (tasks 1-4): COMPLETED [1-4]"),
            std::string::npos) << status.output;
  EXPECT_NE(status.output.find("group job " + jobs->submissions[0].group_job + ": COMPLETED"), std::string::npos)
      << status.output;
  expect_same_group_tables(s.path() / "run", out);

  // 2. One participant's BOLD corrupt: its shard fails, the group job is cancelled.
  copy_demo_dataset(s.path() / "ds2");
  const fs::path out2 = s.path() / "slurm2";
  const auto config2 = write_demo_config(s.path() / "slurm2.yaml", s.path() / "ds2", out2);
  const fs::path bold = s.path() / "ds2" / kBold03;
  const std::string good = read_file(bold);
  write_file(bold, good.substr(0, good.size() / 2));
  const Ran failing = acuroi({"submit", config2.string(), "--shards", "4"});
  ASSERT_EQ(failing.exit_code, 0) << failing.output;
  jobs = read_job_record(jobs_record_path(out2));
  ASSERT_TRUE(jobs && jobs->submissions.size() == 1);
  const Submission first = jobs->submissions[0];
  EXPECT_EQ(wait_for_job(first.group_job, 120), "CANCELLED");
  const auto shards = read_work_manifest(jobs->manifest).shards;
  int failed_shard = 0;
  for (std::size_t i = 0; i < shards.size(); ++i)
    for (const auto& label : shards[i]) failed_shard = label == "03" ? static_cast<int>(i) + 1 : failed_shard;
  ASSERT_GT(failed_shard, 0);
  const std::string k = std::to_string(failed_shard);
  const Ran seen = acuroi({"status", config2.string()});
  EXPECT_EQ(seen.exit_code, 4) << seen.output;
  EXPECT_NE(seen.output.find("\nsub-03        failed   "), std::string::npos) << seen.output;
  EXPECT_NE(seen.output.find("FAILED [" + k + "]"), std::string::npos) << seen.output;
  EXPECT_NE(seen.output.find("array task " + k + " failed: shard " + k + "/4 ="), std::string::npos) << seen.output;
  EXPECT_NE(seen.output.find("group job " + first.group_job + ": CANCELLED"), std::string::npos) << seen.output;

  // 3. Fixed and resubmitted: that shard alone, a new group job, the same results.
  write_file(bold, good);
  const Ran again = acuroi({"submit", config2.string(), "--resubmit-failed"});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  jobs = read_job_record(jobs_record_path(out2));
  ASSERT_TRUE(jobs && jobs->submissions.size() == 2) << again.output;
  const Submission second = jobs->submissions[1];
  EXPECT_EQ(second.kind, "resubmit");
  EXPECT_EQ(second.array_indices, k) << again.output;
  EXPECT_NE(second.array_job, first.array_job);
  EXPECT_EQ(wait_for_job(second.group_job, 120), "COMPLETED")
      << read_file(out2 / "logs" / "slurm" / ("group-" + second.group_job + ".out"));
  const Ran complete = acuroi({"status", config2.string()});
  EXPECT_EQ(complete.exit_code, 0) << complete.output;
  EXPECT_NE(complete.output.find("8 done, 0 failed, 0 stale, 0 pending; group done"), std::string::npos) << complete.output;
  expect_same_group_tables(s.path() / "run", out2);
}

TEST(Slurm, ShardsCappedBelowMaxArraySizeThenAGroupOnlySubmission) {
  ::setenv("SLURM_LOCAL_MAX_ARRAY_SIZE", "4", 1);  // this test's own process and cluster
  LocalSlurm slurm;
  const std::string problem = slurm.start();
  ASSERT_EQ(problem, "") << "the local SLURM cluster did not start";
  ASSERT_NE(run("scontrol show config").output.find("MaxArraySize            = 4"), std::string::npos)
      << run("scontrol show config").output;
  Scratch s("slurm-cap");
  copy_demo_dataset(s.path() / "ds");
  const fs::path out = s.path() / "slurm";
  const auto config = write_demo_config(s.path() / "slurm.yaml", s.path() / "ds", out);

  // 1. 8 shards asked for; array indices 1..N must stay below MaxArraySize = 4: 3 shards.
  const Ran submitted = acuroi({"submit", config.string(), "--shards", "8"});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.output;
  EXPECT_NE(submitted.output.find("8 shards capped to 3 (MaxArraySize 4: array indices 1..N must stay below it)"),
            std::string::npos) << submitted.output;
  auto jobs = read_job_record(jobs_record_path(out));
  ASSERT_TRUE(jobs && jobs->submissions.size() == 1) << submitted.output;
  EXPECT_EQ(jobs->shards, 3);
  EXPECT_EQ(jobs->submissions[0].array_indices, "1-3");
  const auto shards = read_work_manifest(jobs->manifest).shards;
  ASSERT_EQ(shards.size(), 3u);
  std::vector<std::string> everyone;
  for (const auto& shard : shards) everyone.insert(everyone.end(), shard.begin(), shard.end());
  std::sort(everyone.begin(), everyone.end());
  EXPECT_EQ(everyone, (std::vector<std::string>{"01", "02", "03", "04", "05", "06", "07", "08"}));
  EXPECT_EQ(wait_for_job(jobs->submissions[0].group_job, 120), "COMPLETED")
      << read_file(out / "logs" / "slurm" / ("group-" + jobs->submissions[0].group_job + ".out"));
  EXPECT_NE(acuroi({"status", config.string()}).output.find("COMPLETED [1-3]"), std::string::npos);
  const std::string tests_before = read_file(out / "group" / "group_tests.tsv");
  ASSERT_GT(tests_before.size(), 10000u);

  // 2. Participants done, group outputs gone: the group job alone, without an array or dependency.
  fs::remove_all(out / "group");
  const Ran status = acuroi({"status", config.string()});
  EXPECT_EQ(status.exit_code, 4) << status.output;
  EXPECT_NE(status.output.find("8 done, 0 failed, 0 stale, 0 pending; group pending"), std::string::npos)
      << status.output;
  const Ran group_only = acuroi({"submit", config.string()});
  ASSERT_EQ(group_only.exit_code, 0) << group_only.output;
  EXPECT_NE(group_only.output.find("submitting array indices (none)"), std::string::npos) << group_only.output;
  EXPECT_EQ(group_only.output.find("--array"), std::string::npos) << group_only.output;
  EXPECT_EQ(group_only.output.find("--dependency"), std::string::npos) << group_only.output;
  jobs = read_job_record(jobs_record_path(out));
  ASSERT_TRUE(jobs && !jobs->submissions.empty()) << group_only.output;
  const Submission last = jobs->submissions.back();
  EXPECT_EQ(last.array_job, "");
  ASSERT_NE(last.group_job, "");
  EXPECT_EQ(wait_for_job(last.group_job, 120), "COMPLETED")
      << read_file(out / "logs" / "slurm" / ("group-" + last.group_job + ".out"));
  EXPECT_EQ(read_file(out / "group" / "group_tests.tsv"), tests_before);
  const Ran done = acuroi({"status", config.string()});
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_NE(done.output.find("8 done, 0 failed, 0 stale, 0 pending; group done"), std::string::npos) << done.output;
}

}  // namespace
}  // namespace acuroi::hpc::testing
