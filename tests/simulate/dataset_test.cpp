// End-to-end checks of `acuroi simulate`: determinism (byte-identical files for the same seed, at
// any thread count) and independent cross-checks of the written files with nibabel/numpy
// (tests/simulate/check_simulated_dataset.py).
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "acuroi/simulate/simulate.hpp"
#include "test_support.hpp"

namespace acuroi::simulate {
namespace {

namespace fs = std::filesystem;
using test_support::CommandResult;
using test_support::hashes_of;
using test_support::simulate_with_binary;
using test_support::TempDir;

TEST(SimulateDataset, SameSeedGivesIdenticalBytesAtAnyThreadCount) {
  TempDir tmp;
  const std::string args = "--seed 5 --participants 2 --resolution 8 --volumes 30 --runs 2";
  const auto first = simulate_with_binary(tmp.path() / "a", args);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto other_seed = simulate_with_binary(
      tmp.path() / "c", "--seed 6 --participants 2 --resolution 8 --volumes 30 --runs 2");
  ASSERT_EQ(other_seed.exit_code, 0) << other_seed.output;
  {  // the same settings in-process on a single thread
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    SimulationSettings s;
    s.output_dir = tmp.path() / "b";
    s.seed = 5;
    s.participants_per_arm = 2;
    s.resolution_mm = 8;
    s.volumes = 30;
    s.runs = 2;
    simulate_dataset(s);
  }
  const auto a = hashes_of(tmp.path() / "a"), b = hashes_of(tmp.path() / "b"),
             c = hashes_of(tmp.path() / "c");
  // 4 participants x (4 anat + 2 sessions x 2 runs x 4 func) + 3 top-level files.
  EXPECT_EQ(a.size(), 4u * (4 + 16) + 3);
  EXPECT_EQ(a, b);
  ASSERT_EQ(a.size(), c.size());
  int differing = 0;
  for (const auto& [name, hash] : a) differing += c.at(name) != hash;
  // Everything depending on random draws differs; only the brain masks (template) and the BOLD
  // sidecars are the same.
  const int same_expected = 4 * (1 + 2 * 2 * 2);  // anat mask + per run: func mask, sidecar
  EXPECT_EQ(differing, static_cast<int>(a.size()) - same_expected);
  EXPECT_TRUE(
      a.count("sub-01/ses-pre/func/sub-01_ses-pre_task-rest_run-2_desc-confounds_timeseries.tsv"));
}

TEST(SimulateDataset, RefusesToOverwriteUnrelatedData) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "data");
  {
    std::FILE* f = std::fopen((tmp.path() / "data" / "keep.txt").c_str(), "w");
    std::fclose(f);
  }
  const auto r = simulate_with_binary(tmp.path() / "data",
                                      "--participants 1 --resolution 8 --volumes 20 --overwrite");
  EXPECT_EQ(r.exit_code, 2) << r.output;  // usage error, nothing deleted
  EXPECT_TRUE(fs::exists(tmp.path() / "data" / "keep.txt"));
  const auto bad = simulate_with_binary(tmp.path() / "x", "--resolution 3");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("--resolution"), std::string::npos) << bad.output;
}

CommandResult python_check(const fs::path& dataset, const std::string& check) {
  return test_support::python_check("check_simulated_dataset.py", dataset, check);
}

// 4 mm, one participant per arm, 100 volumes: files, geometry and every confound column.
TEST(SimulateDataset, FilesAndConfoundsMatchNibabelAndNumpy) {
  TempDir tmp;
  const fs::path out = tmp.path() / "noisy";
  const auto sim =
      simulate_with_binary(out, "--seed 11 --participants 1 --resolution 4 --volumes 100");
  ASSERT_EQ(sim.exit_code, 0) << sim.output;
  const auto check = python_check(out, "noisy");
  std::printf("%s", check.output.c_str());
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

// 8 mm (fast), 6 participants per arm, 200 volumes: the planted effects are in the data.
TEST(SimulateDataset, PlantedEffectsAreMeasurableWithNumpy) {
  TempDir tmp;
  const fs::path out = tmp.path() / "effects";
  const auto sim =
      simulate_with_binary(out, "--seed 1 --participants 6 --resolution 8 --volumes 200");
  ASSERT_EQ(sim.exit_code, 0) << sim.output;
  const auto check = python_check(out, "effects");
  std::printf("%s", check.output.c_str());
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

// Noise-free, float32: ROI amplitudes and mean shifts are recoverable to rounding error.
TEST(SimulateDataset, NoiseFreeDatasetRecoversPlantedValuesExactly) {
  TempDir tmp;
  const fs::path out = tmp.path() / "clean";
  const auto sim = simulate_with_binary(
      out,
      "--seed 3 --participants 2 --resolution 8 --volumes 80 --noise-free --bold-datatype float32");
  ASSERT_EQ(sim.exit_code, 0) << sim.output;
  const auto check = python_check(out, "noise-free");
  std::printf("%s", check.output.c_str());
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

}  // namespace
}  // namespace acuroi::simulate
