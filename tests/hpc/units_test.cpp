// The pure parts of the hpc module: shard parsing and assignment (checked against a brute-force
// optimum and LPT's proven bound), the memory budget, SLURM time formats, array index lists, the
// parsing of real `scontrol -o show job` / `scontrol show config` output captured from Slurm 22.05
// (tests/hpc/data), sacct's documented -P format, and the generated batch scripts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <regex>
#include <sstream>

#include "acuroi/core/error.hpp"
#include "acuroi/hpc/progress.hpp"
#include "acuroi/hpc/resources.hpp"
#include "acuroi/hpc/shards.hpp"
#include "acuroi/hpc/slurm_parse.hpp"
#include "acuroi/hpc/slurm_scripts.hpp"
#include "hpc_test_support.hpp"

namespace acuroi::hpc {
namespace {

const std::filesystem::path kData = std::filesystem::path(ACUROI_SOURCE_DIR) / "tests" / "hpc" / "data";

TEST(Shards, ParseAcceptsIOfNAndRejectsTheRest) {
  EXPECT_EQ(parse_shard("2/4"), (ShardSpec{2, 4}));
  EXPECT_EQ(parse_shard("1/1"), (ShardSpec{1, 1}));
  for (const char* bad : {"0/4", "5/4", "2", "a/4", "2/", "/4", "2/4x", "-1/4", "1/0"}) {
    try {
      parse_shard(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const core::ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("--shard = '") + bad + "'"), std::string::npos) << e.what();
    }
  }
}

WorkManifest manifest_of(const std::vector<double>& seconds) {
  WorkManifest m;
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    ParticipantWork p;
    p.label = (i < 9 ? "0" : "") + std::to_string(i + 1);
    p.seconds = seconds[i];
    m.participants.push_back(p);
  }
  return m;
}

double makespan(const WorkManifest& m, const std::vector<std::vector<std::string>>& shards) {
  double worst = 0;
  for (const auto& shard : shards) {
    double total = 0;
    for (const auto& label : shard) total += m.find(label)->seconds;
    worst = std::max(worst, total);
  }
  return worst;
}

// The optimal makespan by trying every assignment (small cases only).
double optimal_makespan(const std::vector<double>& seconds, int machines) {
  double best = INFINITY;
  std::vector<int> assignment(seconds.size(), 0);
  while (true) {
    std::vector<double> load(static_cast<std::size_t>(machines), 0.0);
    for (std::size_t i = 0; i < seconds.size(); ++i) load[static_cast<std::size_t>(assignment[i])] += seconds[i];
    best = std::min(best, *std::max_element(load.begin(), load.end()));
    std::size_t i = 0;
    while (i < assignment.size() && ++assignment[i] == machines) assignment[i++] = 0;
    if (i == assignment.size()) return best;
  }
}

TEST(Shards, EveryParticipantOnceBalancedWithinTheLptBound) {
  const std::vector<std::vector<double>> cases = {
      {5, 5, 4, 4, 3, 3, 3, 2}, {9, 1, 1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 2, 2, 2, 2}, {7, 6, 5, 4, 3, 2, 1, 1}};
  for (const auto& seconds : cases)
    for (int m : {1, 2, 3, 4}) {
      const WorkManifest manifest = manifest_of(seconds);
      const auto shards = assign_shards(manifest, m);
      ASSERT_EQ(shards.size(), static_cast<std::size_t>(m));
      std::vector<std::string> all;
      for (const auto& shard : shards) {
        EXPECT_TRUE(std::is_sorted(shard.begin(), shard.end())) << "dataset order within a shard";
        all.insert(all.end(), shard.begin(), shard.end());
      }
      std::sort(all.begin(), all.end());
      ASSERT_EQ(all.size(), seconds.size());
      EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "a participant in two shards";
      const double lpt = makespan(manifest, shards), opt = optimal_makespan(seconds, m);
      EXPECT_LE(lpt, (4.0 / 3.0 - 1.0 / (3.0 * m)) * opt + 1e-9) << "m=" << m;
      EXPECT_EQ(assign_shards(manifest, m), shards) << "deterministic";
    }
  // More shards than participants: the extra shards are empty.
  const auto shards = assign_shards(manifest_of({1, 1}), 4);
  EXPECT_EQ(shards[0].size() + shards[1].size(), 2u);
  EXPECT_TRUE(shards[2].empty() && shards[3].empty());
}

TEST(Resources, MemoryBudgetLimitsConcurrency) {
  const std::int64_t gb = 1000000000;
  // 2 threads, participants of 1 GB, 10 GB budget: both threads.
  EXPECT_EQ(concurrency_for_budget(2, gb, 10e9), 2);
  // Budget for two after the process base: 2 of 8 threads.
  EXPECT_EQ(concurrency_for_budget(8, gb, 2e9 + kProcessBaseBytes + 1), 2);
  EXPECT_EQ(concurrency_for_budget(8, gb, 3e9 + kProcessBaseBytes - 1), 2);
  // Not even one fits: still one at a time (progress over refusal).
  EXPECT_EQ(concurrency_for_budget(8, 4 * gb, 1e9), 1);
  EXPECT_GT(default_memory_budget_bytes(), 1e8);
}

TEST(Resources, ArrayTaskRequestsFollowTheLargestShard) {
  WorkManifest m = manifest_of({600, 600, 60, 60});
  for (auto& p : m.participants) p.memory_bytes = 100 << 20;
  m.participants[1].memory_bytes = 500 << 20;
  config::HpcSettings settings;
  settings.cpus_per_task = 1;
  const std::vector<std::vector<std::string>> shards = {{"01", "02"}, {"03", "04"}};
  const JobResources r = array_task_resources(m, shards, settings);
  // One CPU: one participant in flight, the largest (500 MB) + overhead + base, x1.5.
  const double expected_mb = (256.0 + 500 + 64) * 1.5;
  EXPECT_EQ(r.memory_mb, static_cast<std::int64_t>(std::ceil(expected_mb)));
  EXPECT_EQ(r.time_minutes, static_cast<int>(std::ceil(1200 * 3.0 / 60)) + 10);  // 70
  settings.cpus_per_task = 2;
  const JobResources two = array_task_resources(m, shards, settings);
  EXPECT_EQ(two.memory_mb, static_cast<std::int64_t>(std::ceil((256.0 + 500 + 64 + 100 + 64) * 1.5)));
  EXPECT_EQ(two.time_minutes, static_cast<int>(std::ceil(600 * 3.0 / 60)) + 10);
  settings.task_memory_gb = 2;
  settings.task_time_minutes = 45;
  const JobResources fixed = array_task_resources(m, shards, settings);
  EXPECT_EQ(fixed.memory_mb, 1908);  // 2e9 bytes in MiB, rounded up
  EXPECT_EQ(fixed.time_minutes, 45);
  EXPECT_FALSE(fixed.derived_memory || fixed.derived_time);
}

TEST(Slurm, TimeAndIndexFormats) {
  EXPECT_EQ(slurm_time(70), "01:10:00");
  EXPECT_EQ(slurm_time(5), "00:05:00");
  EXPECT_EQ(slurm_time(24 * 60 + 61), "1-01:01:00");
  EXPECT_EQ(compress_indices({5, 1, 2, 3, 3, 7, 8}), "1-3,5,7-8");
  EXPECT_EQ(compress_indices({4}), "4");
  EXPECT_EQ(expand_indices("1-3,5,7-8%2"), (std::vector<int>{1, 2, 3, 5, 7, 8}));
  EXPECT_EQ(expand_indices("[2-4]"), (std::vector<int>{2, 3, 4}));
  EXPECT_THROW(expand_indices("3-1"), std::invalid_argument);
  EXPECT_THROW(expand_indices("x"), std::invalid_argument);
  EXPECT_EQ(parse_parsable_job_id("1234\n"), "1234");
  EXPECT_EQ(parse_parsable_job_id("1234;cluster\n"), "1234");
  EXPECT_EQ(parse_parsable_job_id("sbatch: error: Batch job submission failed\n"), std::nullopt);
}

TEST(Slurm, ParsesRealScontrolOutput) {
  // An array of 4 tasks (throttle 2) where task 2 exited 3, and a follow-up job cancelled by
  // kill_invalid_depend, captured with `scontrol -o show job` from Slurm 22.05.
  const auto array = parse_scontrol_jobs(testing::read_file(kData / "scontrol_array_failed.txt"));
  ASSERT_EQ(array.size(), 4u);
  std::vector<int> failed, completed;
  for (const auto& t : array) {
    EXPECT_FALSE(t.array_job_id.empty());
    (is_failed_state(t.state) ? failed : completed).push_back(t.array_task);
    if (t.state == "FAILED") EXPECT_EQ(t.exit_code, "3:0");
  }
  EXPECT_EQ(compress_indices(failed), "2");
  EXPECT_EQ(compress_indices(completed), "1,3-4");
  const auto follow_up = parse_scontrol_jobs(testing::read_file(kData / "scontrol_dependent_cancelled.txt"));
  ASSERT_EQ(follow_up.size(), 1u);
  EXPECT_EQ(follow_up[0].array_task, -1);
  EXPECT_EQ(follow_up[0].state, "CANCELLED");
  // A pending array whose tasks are not split yet: one line for a range of tasks.
  const auto pending = parse_scontrol_jobs(testing::read_file(kData / "scontrol_array_pending.txt"));
  std::vector<int> tasks;
  for (const auto& t : pending) {
    tasks.push_back(t.array_task);
    EXPECT_TRUE(is_active_state(t.state)) << t.state;
  }
  EXPECT_EQ(compress_indices(tasks), "1-4");
  EXPECT_EQ(parse_max_array_size(testing::read_file(kData / "scontrol_show_config.txt")), 1001);
}

TEST(Slurm, ParsesSacctParsableRows) {
  // sacct -n -P -X --format=JobID,State,ExitCode (format as documented by sacct(1)).
  const auto rows = parse_sacct("77_1|COMPLETED|0:0\n77_2|FAILED|4:0\n77_[3-4]|PENDING|0:0\n78|CANCELLED by 0|0:0\n");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1].array_task, 2);
  EXPECT_EQ(rows[1].state, "FAILED");
  EXPECT_EQ(rows[1].exit_code, "4:0");
  EXPECT_EQ(rows[3].array_task, 4);
  EXPECT_EQ(rows[3].state, "PENDING");
  EXPECT_EQ(rows[4].array_task, -1);
  EXPECT_EQ(rows[4].state, "CANCELLED");
}

TEST(Slurm, ScriptsCarryResourcesSettingsAndTheShardCommand) {
  SlurmScriptInputs in;
  in.job_name = "acuroi-demo";
  in.acuroi = "/opt/acuroi/bin/acuroi";
  in.config = "/data/it's/study.yaml";
  in.manifest = "/data/out/hpc/manifest.json";
  in.log_dir = "/data/out/logs/slurm";
  in.shards = 4;
  in.settings.partition = "short";
  in.settings.account = "lab";
  in.settings.qos = "normal";
  in.settings.modules = {"hdf5/1.12"};
  in.settings.extra_sbatch = {"--constraint=avx2"};
  in.resources = {2, 1200, 70, true, true};
  const std::string array = array_job_script(in);
  for (const char* line :
       {"#!/bin/bash\n", "\n#SBATCH --job-name=acuroi-demo\n", "\n#SBATCH --output=/data/out/logs/slurm/array-%A_%a.out\n",
        "\n#SBATCH --cpus-per-task=2\n", "\n#SBATCH --mem=1200M\n", "\n#SBATCH --time=01:10:00\n",
        "\n#SBATCH --partition=short\n", "\n#SBATCH --account=lab\n", "\n#SBATCH --qos=normal\n",
        "\n#SBATCH --constraint=avx2\n", "\nmodule load 'hdf5/1.12'\n",
        "\nexec '/opt/acuroi/bin/acuroi' run '/data/it'\\''s/study.yaml' --stage participant --manifest "
        "'/data/out/hpc/manifest.json' --shard \"${SLURM_ARRAY_TASK_ID}/4\""})
    EXPECT_NE(array.find(line), std::string::npos) << line << "\n---\n" << array;
  // #SBATCH lines must come before the first command.
  EXPECT_LT(array.rfind("#SBATCH"), array.find("set -euo pipefail"));
  const std::string group = group_job_script(in);
  EXPECT_NE(group.find("\n#SBATCH --job-name=acuroi-demo-group\n"), std::string::npos) << group;
  EXPECT_NE(group.find(" --stage group "), std::string::npos) << group;
  EXPECT_EQ(group.find("--shard"), std::string::npos);
  // The script is valid bash.
  testing::Scratch s("script");
  testing::write_file(s.path() / "a.sh", array);
  EXPECT_EQ(testing::run("bash -n " + (s.path() / "a.sh").string()).exit_code, 0);
}

TEST(Progress, TerminalBarAndPlainLines) {
  std::ostringstream tty;
  Progress bar(tty, 4, true);
  bar.skipped("01");
  bar.started("02");
  bar.finished("02", true, "");
  bar.started("03");
  bar.finished("03", false, "corrupt BOLD");
  // Redrawn in place: carriage return + clear line, then the bar with the counts.
  EXPECT_NE(tty.str().find("\r\033[K[##################------] 2/4 done, 1 failed, 1 remaining"), std::string::npos)
      << tty.str();
  EXPECT_NE(tty.str().find("\r\033[Ksub-03 FAILED: corrupt BOLD\n"), std::string::npos) << "failures stay on screen";
  EXPECT_NE(bar.bar_text().find("/min | ETA "), std::string::npos) << bar.bar_text();
  bar.close();
  EXPECT_EQ(tty.str().back(), '\n');

  std::ostringstream plain;
  Progress lines(plain, 2, false);
  lines.started("01");
  lines.finished("01", true, "");
  EXPECT_EQ(plain.str().find('\r'), std::string::npos);
  const std::regex line(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \[progress\] sub-01 done \(1/2 done, 0 failed, 1 remaining \| [0-9.]+/min \| ETA .*\)\n$)");
  EXPECT_TRUE(std::regex_search(plain.str(), line)) << plain.str();
  EXPECT_EQ(format_duration(200), "3m20s");
  EXPECT_EQ(format_duration(3720), "1h02m");
  EXPECT_EQ(format_duration(0.4), "0.4 s");
}

}  // namespace
}  // namespace acuroi::hpc
