// The `hpc:` section: defaults (written out here), every key read, validation errors (line and
// column counted by hand), the cluster profile (its keys fill the ones the config does not write),
// and round trips of the resolved text.
#include <gtest/gtest.h>

#include "acuroi/config/config.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::config_error_of;
using testing::ScratchDir;

const char* const kMinimal = "study: {dataset: d}\n";

void expect_default_hpc(const HpcSettings& h) {
  EXPECT_TRUE(h.profile.empty());
  EXPECT_EQ(h.memory_budget_gb, 0.0);
  EXPECT_EQ(h.shards, 0);
  EXPECT_EQ(h.max_array_throttle, 50);
  EXPECT_EQ(h.cpus_per_task, 1);
  EXPECT_EQ(h.partition, "");
  EXPECT_EQ(h.account, "");
  EXPECT_EQ(h.qos, "");
  EXPECT_TRUE(h.modules.empty());
  EXPECT_TRUE(h.extra_sbatch.empty());
  EXPECT_EQ(h.task_memory_gb, 0.0);
  EXPECT_EQ(h.task_time_minutes, 0);
  EXPECT_EQ(h.group_memory_gb, 0.0);
  EXPECT_EQ(h.group_time_minutes, 0);
}

TEST(HpcSection, Defaults) {
  expect_default_hpc(default_config().hpc);
  expect_default_hpc(parse_config(kMinimal, "/b").hpc);
  ScratchDir dir;
  expect_default_hpc(load_config(dir.write("acuroi.yaml", default_config_yaml())).hpc);
  EXPECT_NE(default_config_yaml().find("\nhpc:"), std::string::npos);
}

const char* const kEveryKey =
    "hpc:\n"
    "  memory_budget_gb: 12.5\n"
    "  shards: 40\n"
    "  max_array_throttle: 8\n"
    "  cpus_per_task: 4\n"
    "  partition: short\n"
    "  account: lab42\n"
    "  qos: normal\n"
    "  modules: [gcc/12, hdf5]\n"
    "  extra_sbatch: ['--constraint=avx2', '--mail-type=FAIL']\n"
    "  task_memory_gb: 3\n"
    "  task_time_minutes: 90\n"
    "  group_memory_gb: 6\n"
    "  group_time_minutes: 30\n";

TEST(HpcSection, EveryKeyIsReadAndRoundTrips) {
  const Config c = parse_config(std::string(kMinimal) + kEveryKey, "/b");
  const HpcSettings& h = c.hpc;
  EXPECT_EQ(h.memory_budget_gb, 12.5);
  EXPECT_EQ(h.shards, 40);
  EXPECT_EQ(h.max_array_throttle, 8);
  EXPECT_EQ(h.cpus_per_task, 4);
  EXPECT_EQ(h.partition, "short");
  EXPECT_EQ(h.account, "lab42");
  EXPECT_EQ(h.qos, "normal");
  EXPECT_EQ(h.modules, (std::vector<std::string>{"gcc/12", "hdf5"}));
  EXPECT_EQ(h.extra_sbatch, (std::vector<std::string>{"--constraint=avx2", "--mail-type=FAIL"}));
  EXPECT_EQ(h.task_memory_gb, 3.0);
  EXPECT_EQ(h.task_time_minutes, 90);
  EXPECT_EQ(h.group_memory_gb, 6.0);
  EXPECT_EQ(h.group_time_minutes, 30);
  EXPECT_EQ(parse_config(resolved_yaml(c), "/b"), c);
  EXPECT_NE(resolved_yaml(c).find("  partition: short\n"), std::string::npos);
  // The hpc section changes the whole config's hash, not the participant-level sections' hash.
  const Config minimal = parse_config(kMinimal, "/b");
  EXPECT_NE(config_hash(c), config_hash(minimal));
  const std::vector<std::string> participant_sections = {"study",      "participants", "rois",
                                                         "extraction", "denoise",      "measures"};
  EXPECT_EQ(config_hash(c, participant_sections), config_hash(minimal, participant_sections));
  EXPECT_EQ(config_hash(c, {"hpc"}).size(), 64u);
  EXPECT_NE(config_hash(c, {"hpc"}), config_hash(minimal, {"hpc"}));
}

TEST(HpcSection, ProfileFillsUnwrittenKeysAndConfigKeysWin) {
  ScratchDir dir;
  dir.write("profiles/cluster.yaml",
            "partition: long\naccount: consortium\nmodules: [hdf5/1.12]\nmax_array_throttle: 10\n"
            "extra_sbatch: ['--constraint=skylake']\n");
  const auto file = dir.write(
      "study.yaml", std::string(kMinimal) + "hpc:\n  profile: profiles/cluster.yaml\n  partition: short\n");
  const Config c = load_config(file);
  EXPECT_EQ(c.hpc.profile, dir.path() / "profiles/cluster.yaml");
  EXPECT_EQ(c.hpc.partition, "short");  // written in the config
  EXPECT_EQ(c.hpc.account, "consortium");
  EXPECT_EQ(c.hpc.modules, (std::vector<std::string>{"hdf5/1.12"}));
  EXPECT_EQ(c.hpc.max_array_throttle, 10);
  EXPECT_EQ(c.hpc.extra_sbatch, (std::vector<std::string>{"--constraint=skylake"}));
  EXPECT_EQ(c.hpc.cpus_per_task, 1);  // in neither: the default
  // The resolved text holds the merged values and reads back to the same settings.
  EXPECT_EQ(parse_config(resolved_yaml(c), dir.path()), c);
}

class HpcSectionErrors : public ::testing::Test {
 protected:
  std::string error_for(const std::string& text) {
    const auto file = dir_.write("c.yaml", kMinimal + text);
    std::string message = config_error_of([&] { load_config(file); });
    if (message.rfind(file.string(), 0) == 0) message.replace(0, file.string().size(), "c.yaml");
    return message;
  }
  ScratchDir dir_;
};

TEST_F(HpcSectionErrors, Values) {
  EXPECT_EQ(error_for("hpc:\n  cpus_per_task: 0\n"),
            "c.yaml:3:18: hpc.cpus_per_task = '0': out of range, must be in [1, 1024]");
  EXPECT_EQ(error_for("hpc:\n  shards: -2\n"),
            "c.yaml:3:11: hpc.shards = '-2': out of range, must be in [0, 1000000]");
  EXPECT_EQ(error_for("hpc:\n  memory_budget_gb: -1\n"),
            "c.yaml:3:21: hpc.memory_budget_gb = '-1': out of range, must be in [0, 1e+06]");
  EXPECT_EQ(error_for("hpc:\n  partition: 'a b'\n"),
            "c.yaml:3:14: hpc.partition = 'a b': one word without spaces, quotes, ';', '`' or '$'");
  EXPECT_EQ(error_for("hpc:\n  extra_sbatch: ['#SBATCH --x']\n"),
            "c.yaml:3:18: hpc.extra_sbatch[0] = '#SBATCH --x': an sbatch option starting with '-' "
            "(e.g. --constraint=avx2), without '#SBATCH'");
  EXPECT_EQ(error_for("hpc:\n  modules: ['']\n"),
            "c.yaml:3:13: hpc.modules[0]: must not be empty");
  EXPECT_EQ(error_for("hpc:\n  shard: 3\n"),
            "c.yaml:3:3: hpc.shard: unknown key, did you mean 'shards'?");
}

TEST_F(HpcSectionErrors, Profile) {
  EXPECT_EQ(error_for("hpc:\n  profile: nowhere.yaml\n"),
            "c.yaml:3:12: hpc.profile = '" + (dir_.path() / "nowhere.yaml").string() +
                "': cannot read the profile file: No such file or directory");
  const auto profile = dir_.write("p.yaml", "partition: short\ncpus_per_task: 0\n");
  const std::string bad = config_error_of([&] {
    load_config(dir_.write("c2.yaml", std::string(kMinimal) + "hpc: {profile: p.yaml}\n"));
  });
  EXPECT_EQ(bad, profile.string() + ":2:16: cpus_per_task = '0': out of range, must be in [1, 1024]");
}

}  // namespace
}  // namespace acuroi::config
