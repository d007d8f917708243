// Task runs of the simulator: the canonical HRF against scipy.stats.gamma, the unit response of a
// block (analytic plateau), the block timing over many seeds, the planted task amplitudes and arm
// effects, and the settings checks.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <unistd.h>

#include "acuroi/core/error.hpp"
#include "acuroi/simulate/plan.hpp"
#include "acuroi/simulate/task.hpp"

namespace acuroi::simulate {
namespace {

// spm_hrf defaults computed by scipy on the same grid, printed with 17 digits.
std::vector<double> scipy_hrf(double dt) {
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("acuroi-hrf-" + std::to_string(::getpid()));
  const std::string script =
      "import math, numpy as np; from scipy.stats import gamma; dt = " + std::to_string(dt) +
      "; t = np.arange(int(math.ceil(32 / dt)) + 1) * dt; h = gamma.pdf(t, 6) - gamma.pdf(t, 16) "
      "/ 6; np.savetxt('" +
      out.string() + "', h / h.sum(), fmt='%.17g')";
  const std::string command = std::string(ACUROI_PYTHON) + " -c \"" + script + "\"";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::vector<double> values;
  std::ifstream in(out);
  for (double v; in >> v;) values.push_back(v);
  std::filesystem::remove(out);
  return values;
}

TEST(SimulateTask, CanonicalHrfMatchesScipyGamma) {
  for (double dt : {0.125, 0.0625}) {  // TR 2 s and 1 s with 16 microtime bins
    const std::vector<double> ours = canonical_hrf(dt);
    const std::vector<double> reference = scipy_hrf(dt);
    ASSERT_EQ(ours.size(), reference.size()) << "dt " << dt;
    double worst = 0.0, sum = 0.0;
    std::size_t peak = 0;
    for (std::size_t k = 0; k < ours.size(); ++k) {
      worst = std::max(worst, std::abs(ours[k] - reference[k]));
      sum += ours[k];
      if (ours[k] > ours[peak]) peak = k;
    }
    EXPECT_LT(worst, 1e-15) << "dt " << dt;  // values are ~1e-2; double rounding only
    EXPECT_NEAR(sum, 1.0, 1e-12);
    EXPECT_NEAR(peak * dt, 5.0, 0.25);  // the canonical HRF peaks at ~5 s
  }
}

TEST(SimulateTask, LongBlockPlateausAtOneAndStartsAtItsOnset) {
  const double tr = 2.0;
  const int volumes = 100;
  const std::vector<TaskBlock> blocks{{20.0, 120.0, 0}, {160.0, 12.0, 1}};
  const std::vector<double> pain = condition_response(blocks, 0, volumes, tr);
  const std::vector<double> touch = condition_response(blocks, 1, volumes, tr);
  for (int i = 0; i <= 10; ++i) EXPECT_EQ(pain[i], 0.0) << i;  // t <= 20 s: nothing yet
  EXPECT_GT(pain[11], 0.0);
  // 32 s after the onset the whole HRF lies inside the block: the sum of the HRF, 1.
  for (int i = 26; i <= 70; ++i) EXPECT_NEAR(pain[i], 1.0, 1e-12) << i;
  // After the block (ends at 140 s) the response returns to 0 once the HRF has passed (172 s).
  for (int i = 87; i < volumes; ++i) EXPECT_NEAR(pain[i], 0.0, 1e-12) << i;
  for (int i = 0; i <= 80; ++i) EXPECT_EQ(touch[i], 0.0) << i;
  double touch_peak = 0.0;
  for (double v : touch) touch_peak = std::max(touch_peak, v);
  // A 12 s block overshoots the plateau a little (the HRF's positive lobe sums to more than 1).
  EXPECT_GT(touch_peak, 1.0);
  EXPECT_LT(touch_peak, 1.3);
}

TEST(SimulateTask, BlockTimingFollowsTheDesignForManySeeds) {
  const BlockDesignSettings design;  // 12 s blocks, rest 10-16 s
  const int volumes = 120;
  const double tr = 2.0, run_s = volumes * tr;
  std::set<std::vector<double>> distinct;
  int pain_first = 0;
  for (std::uint64_t seed = 1; seed <= 500; ++seed) {
    SeededRandom rng(seed);
    const std::vector<TaskBlock> blocks = plan_task_blocks(rng, design, volumes, tr);
    ASSERT_GE(blocks.size(), 2u);
    std::vector<double> onsets;
    double previous_end = 0.0;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const TaskBlock& block = blocks[b];
      const double rest = block.onset_s - previous_end;
      EXPECT_GE(rest, design.rest_min_s - 1e-9) << "seed " << seed;
      EXPECT_LE(rest, design.rest_max_s + 1e-9) << "seed " << seed;
      EXPECT_EQ(block.duration_s, design.block_duration_s);
      EXPECT_LE(block.onset_s + block.duration_s, run_s);
      // Onsets are whole tenths of a second, written exactly in the events file.
      EXPECT_EQ(block.onset_s, std::round(block.onset_s * 10.0) / 10.0);
      if (b > 0) EXPECT_NE(block.condition, blocks[b - 1].condition);
      previous_end = block.onset_s + block.duration_s;
      onsets.push_back(block.onset_s);
    }
    // Blocks continue while they fit: even the longest rest leaves no room for another block.
    EXPECT_GT(previous_end + design.rest_max_s + design.block_duration_s, run_s);
    pain_first += blocks[0].condition == 0;
    distinct.insert(onsets);
  }
  EXPECT_GT(distinct.size(), 490u);           // jittered
  EXPECT_NEAR(pain_first / 500.0, 0.5, 0.1);  // first condition balanced (binomial SD 0.022)
}

SimulationSettings block_settings() {
  SimulationSettings s;
  s.output_dir = "unused";
  s.task = "pain";
  s.task_design = TaskDesign::block;
  s.participants_per_arm = 3;
  return s;
}

TEST(SimulateTask, PlantedPainChangeFollowsTheArmEffect) {
  SimulationSettings s = block_settings();
  s.effects.task_amplitude_log_sd = 0.0;
  s.effects.task_amplitude_change_log_sd = 0.0;
  s.effects.effect_scale = 0.8;
  for (const ParticipantPlan& p : plan_study(s)) {
    const double factor = p.arm == 0 ? 0.8 : 0.8 * s.effects.placebo_fraction;
    for (std::size_t r = 0; r < s.effects.rois.size(); ++r) {
      const RoiEffect& e = s.effects.rois[r];
      const RoiSessionValues& pre = p.sessions[0].rois[r];
      const RoiSessionValues& post = p.sessions[1].rois[r];
      EXPECT_DOUBLE_EQ(pre.pain_amplitude_percent, e.pain_amplitude_percent);
      EXPECT_DOUBLE_EQ(pre.touch_amplitude_percent, e.touch_amplitude_percent);
      EXPECT_DOUBLE_EQ(post.touch_amplitude_percent, e.touch_amplitude_percent);
      EXPECT_NEAR(post.pain_amplitude_percent / pre.pain_amplitude_percent,
                  std::pow(e.pain_amplitude_ratio, factor), 1e-12)
          << e.roi << " arm " << p.arm;
    }
  }
}

TEST(SimulateTask, TaskDrawsLeaveTheRestPlanUnchanged) {
  SimulationSettings rest = block_settings();
  rest.task_design = TaskDesign::none;
  const auto with_task = plan_study(block_settings()), without = plan_study(rest);
  ASSERT_EQ(with_task.size(), without.size());
  for (std::size_t p = 0; p < with_task.size(); ++p) {
    EXPECT_EQ(with_task[p].arm, without[p].arm);
    for (int ses = 0; ses < 2; ++ses) {
      for (std::size_t r = 0; r < rest.effects.rois.size(); ++r) {
        const RoiSessionValues& a = with_task[p].sessions[ses].rois[r];
        const RoiSessionValues& b = without[p].sessions[ses].rois[r];
        EXPECT_EQ(a.amplitude_percent, b.amplitude_percent);
        EXPECT_EQ(a.mean_shift_percent, b.mean_shift_percent);
        EXPECT_EQ(b.pain_amplitude_percent, 0.0);  // no task: nothing planted
        EXPECT_NE(a.pain_amplitude_percent, 0.0);
        // Random participant variation keeps the nominal sign (DMN deactivation stays negative).
        EXPECT_GT(a.pain_amplitude_percent * rest.effects.rois[r].pain_amplitude_percent, 0.0);
      }
    }
  }
}

TEST(SimulateTask, SettingsAreChecked) {
  SimulationSettings s = block_settings();
  EXPECT_NO_THROW(validate(s));
  s.volumes = 27;  // 54 s < 2 x (16 + 12) s: the second condition might not fit
  try {
    validate(s);
    ADD_FAILURE() << "short block-design run accepted";
  } catch (const core::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("--volumes"), std::string::npos) << e.what();
  }
  s.volumes = 28;
  EXPECT_NO_THROW(validate(s));
  s.block_design.rest_min_s = 20.0;  // > rest_max_s
  EXPECT_THROW(validate(s), core::ConfigError);
  SimulationSettings rest = block_settings();
  rest.task_design = TaskDesign::none;
  rest.block_design.fluctuation_scale = 0.0;  // only meaningful for task runs
  EXPECT_THROW(validate(rest), core::ConfigError);
}

}  // namespace
}  // namespace acuroi::simulate
