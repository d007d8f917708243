// End-to-end checks of block-design task runs (`acuroi simulate --task pain --task-design block`):
// the events files (csv module) and the dataset reader finding them, exact recovery of the planted
// responses by an independent scipy/numpy GLM (tests/simulate/check_task_dataset.py), determinism,
// and that the task code leaves everything else byte-identical.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "acuroi/io/dataset.hpp"
#include "acuroi/simulate/simulate.hpp"
#include "test_support.hpp"

namespace acuroi::simulate {
namespace {

namespace fs = std::filesystem;
using test_support::hashes_of;
using test_support::simulate_with_binary;
using test_support::TempDir;

const std::string task_args = "--task pain --task-design block --resolution 8";

// 2 per arm, 2 runs per session, 120 volumes: every events file, and io finds them by name.
TEST(SimulateTaskDataset, EventsFollowTheDesignAndTheDatasetReaderFindsThem) {
  TempDir tmp;
  const fs::path out = tmp.path() / "task";
  const auto sim = simulate_with_binary(
      out, task_args + " --seed 21 --participants 2 --volumes 120 --runs 2 --noise-free");
  ASSERT_EQ(sim.exit_code, 0) << sim.output;
  const auto check = test_support::python_check("check_task_dataset.py", out, "events");
  std::printf("%s", check.output.c_str());
  EXPECT_EQ(check.exit_code, 0) << check.output;

  const io::Dataset dataset = io::discover_dataset({.root = out,
                                                    .arm_column = "arm",
                                                    .arms = {"acupuncture", "sham"},
                                                    .task = "pain",
                                                    .space = "MNI152NLin6Asym",
                                                    .resolution = "8"});
  EXPECT_TRUE(dataset.problems.empty()) << io::describe(dataset.problems.front());
  ASSERT_EQ(dataset.participants.size(), 4u);
  int runs_with_events = 0;
  for (const io::Participant& p : dataset.participants) {
    for (const auto& [label, session] : p.sessions) {
      ASSERT_EQ(session.runs.size(), 2u) << p.label << " " << label;
      for (const io::RunFiles& run : session.runs) {
        ASSERT_TRUE(run.events.has_value()) << run.stem;
        EXPECT_EQ(run.events->filename().string(), run.stem + "_events.tsv");
        runs_with_events += fs::exists(*run.events);
      }
    }
  }
  EXPECT_EQ(runs_with_events, 4 * 2 * 2);
}

// Noise-free, no spontaneous fluctuation, float32: the planted amplitudes come back exactly.
TEST(SimulateTaskDataset, NoiseFreeResponsesAreRecoveredByAScipyGlm) {
  TempDir tmp;
  const fs::path out = tmp.path() / "clean";
  const auto sim = simulate_with_binary(
      out, task_args +
               " --seed 3 --participants 1 --volumes 120 --noise-free --fluctuation-scale 0"
               " --bold-datatype float32");
  ASSERT_EQ(sim.exit_code, 0) << sim.output;
  const auto check = test_support::python_check("check_task_dataset.py", out, "glm");
  std::printf("%s", check.output.c_str());
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

SimulationSettings small_settings(const fs::path& out, TaskDesign design) {
  SimulationSettings s;
  s.output_dir = out;
  s.seed = 9;
  s.participants_per_arm = 1;
  s.resolution_mm = 8;
  s.volumes = 40;
  s.task = "pain";
  s.task_design = design;
  return s;
}

TEST(SimulateTaskDataset, SameSeedGivesIdenticalBytesAtAnyThreadCount) {
  TempDir tmp;
  const std::string args = task_args + " --seed 9 --participants 1 --volumes 40";
  ASSERT_EQ(simulate_with_binary(tmp.path() / "a", args).exit_code, 0);
  const auto other = simulate_with_binary(tmp.path() / "c", task_args +
                                                                " --seed 10 --participants 1"
                                                                " --volumes 40");
  ASSERT_EQ(other.exit_code, 0) << other.output;
  {
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    simulate_dataset(small_settings(tmp.path() / "b", TaskDesign::block));
  }
  const auto a = hashes_of(tmp.path() / "a"), b = hashes_of(tmp.path() / "b"),
             c = hashes_of(tmp.path() / "c");
  // 2 participants x (4 anat + 2 sessions x 5 func files) + 3 top-level files.
  EXPECT_EQ(a.size(), 2u * (4 + 10) + 3);
  EXPECT_EQ(a, b);
  const std::string events = "sub-01/ses-pre/func/sub-01_ses-pre_task-pain_events.tsv";
  ASSERT_TRUE(a.count(events) && c.count(events));
  EXPECT_NE(a.at(events), c.at(events));  // another seed, another jitter
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// The task draws come from their own streams: with every task amplitude zero, a block-design study
// has the same bytes as the resting-state study except for its events and ground truth, and the
// resting-state ground truth carries no task keys.
TEST(SimulateTaskDataset, TaskCodeLeavesEveryOtherFileUnchanged) {
  TempDir tmp;
  SimulationSettings rest = small_settings(tmp.path() / "rest", TaskDesign::none);
  SimulationSettings silent_task = small_settings(tmp.path() / "task", TaskDesign::block);
  for (RoiEffect& r : silent_task.effects.rois) {
    r.pain_amplitude_percent = 0.0;
    r.touch_amplitude_percent = 0.0;
  }
  simulate_dataset(rest);
  simulate_dataset(silent_task);
  const auto a = hashes_of(rest.output_dir), b = hashes_of(silent_task.output_dir);
  int events = 0, compared = 0;
  for (const auto& [name, hash] : b) {
    if (name.ends_with("_events.tsv")) {
      ++events;
      EXPECT_FALSE(a.count(name)) << name;
      continue;
    }
    if (name == "acuroi_ground_truth.json") continue;
    ASSERT_TRUE(a.count(name)) << name;
    EXPECT_EQ(a.at(name), hash) << name;
    ++compared;
  }
  EXPECT_EQ(events, 2 * 2);
  EXPECT_EQ(compared + 1, static_cast<int>(a.size()));  // every rest file but the ground truth
  const nlohmann::json rest_truth = read_json(rest.output_dir / "acuroi_ground_truth.json");
  const nlohmann::json task_truth = read_json(silent_task.output_dir / "acuroi_ground_truth.json");
  EXPECT_FALSE(rest_truth["settings"].contains("task_design"));
  EXPECT_FALSE(rest_truth["runs"][0].contains("events"));
  EXPECT_FALSE(rest_truth["roi_effects"]["ACC"].contains("pain_amplitude_log_ratio"));
  EXPECT_EQ(task_truth["settings"]["task_design"], "block");
  // Apart from the task keys the two ground truths agree.
  nlohmann::json stripped = task_truth;
  stripped["settings"].erase("task_design");
  stripped["settings"].erase("block_design");
  stripped["settings"]["effects"].erase("task");
  for (const char* key : {"task_amplitude_percent", "task_response_psc", "pain_amplitude_log_ratio",
                          "pain_amplitude_change_percent", "events"})
    stripped["units"].erase(key);
  for (auto& [roi, effect] : stripped["roi_effects"].items()) {
    for (const char* key :
         {"pain_amplitude_log_ratio", "pain_amplitude_ratio", "pain_amplitude_change_percent"})
      effect.erase(key);
  }
  for (auto& p : stripped["participants"]) {
    for (auto& [ses, session] : p["sessions"].items()) session.erase("task_amplitude_percent");
  }
  for (auto& run : stripped["runs"]) {
    for (const char* key : {"events", "task_amplitude_percent", "task_response_psc"})
      run.erase(key);
  }
  EXPECT_EQ(stripped, rest_truth);
}

}  // namespace
}  // namespace acuroi::simulate
