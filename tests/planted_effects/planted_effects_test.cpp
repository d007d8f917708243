// End to end: the effects `acuroi simulate` plants (ALFF amplitude ratios, mean shifts, DMN
// coupling) are recovered by `acuroi participant` in the ROIs where they were planted, and not in
// a control ROI (visual cortex) where nothing was planted. The comparison with the simulator's
// ground truth runs in planted_effects.py (h5py + numpy) across 24 participants.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct CommandResult {
  int exit_code;
  std::string output;
};

CommandResult run(const std::string& command) {
  CommandResult result{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) result.output += buffer;
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(PlantedEffects, AreRecoveredWherePlantedAndNotElsewhere) {
  const fs::path root = fs::temp_directory_path() / ("acuroi_planted_" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  const std::string acuroi = ACUROI_BINARY;
  const auto sim = run(acuroi + " simulate --out " + (root / "ds").string() +
                       " --seed 21 --participants 12 --resolution 8 --volumes 150");
  ASSERT_EQ(sim.exit_code, 0) << sim.output;
  const fs::path config = root / "planted.yaml";
  std::ofstream(config) << "study:\n  name: planted\n  dataset: " << (root / "ds").string()
                        << "\n  arm_column: arm\n  arms: [acupuncture, sham]\n  task: rest\n"
                        << "  space: MNI152NLin6Asym\nrois:\n  preset: " << ACUROI_SOURCE_DIR
                        << "/configs/pain-network.yaml\n  regions:\n    - name: visual\n"
                        << "      atlas: aal\n      labels: [Calcarine_L, Calcarine_R, Cuneus_L, Cuneus_R]\n"
                        << "denoise:\n  strategy: 6P\n  min_time_seconds: 120\n"
                        << "measures:\n  compute: [mean, alff, falff, fc]\n"
                        << "output:\n  dir: " << (root / "out").string() << "\n  write_tsv: false\n";
  const auto participant = run(acuroi + " participant " + config.string());
  ASSERT_EQ(participant.exit_code, 0) << participant.output;
  const auto check = run(std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                         "/tests/planted_effects/planted_effects.py " + (root / "out").string() +
                         " " + (root / "ds" / "acuroi_ground_truth.json").string());
  std::cout << check.output;
  EXPECT_EQ(check.exit_code, 0) << check.output;
  fs::remove_all(root);
}

}  // namespace
