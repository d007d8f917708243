// Settings of the `measures:` section: which measures to compute and their options, mirroring the
// options of the measures module.
//
// `compute` holds names from kMeasureNames, each at most once, in the order written.
// alff_band_hz is [low, high] in Hz, low < high; reho_neighbourhood is 7, 19 or 27 voxels;
// sd_ddof is 0 (population SD, as nipype's TSNR) or 1 (sample SD, as AFNI 3dTstat -stdev).
// Task GLM (task_glm): contrasts are linear expressions over the events' trial_type names, as
// nilearn's string contrasts: "pain - touch", "pain", "0.5*pain + 0.5*touch"; drift and noise model
// as nilearn's FirstLevelModel (cosine drift with a 128 s high-pass period, AR(1)).
//
//   const MeasureSettings& m = config.measures;
//   bool wants_reho = computes(m, "reho");
//   measures::AlffOptions alff{m.alff_band_hz[0], m.alff_band_hz[1]};
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::config {

// The measure names `compute` accepts, in documentation order.
inline constexpr const char* kMeasureNames[] = {"mean",  "sd",   "tsnr", "alff",      "falff",
                                                "malff", "reho", "fc",   "gm_volume", "task_glm"};

enum class TaskDrift { cosine, polynomial, none };
enum class TaskNoiseModel { ols, ar1 };
std::string_view to_string(TaskDrift drift);
std::string_view to_string(TaskNoiseModel model);

struct MeasureSettings {
  std::vector<std::string> compute;  // unique names from kMeasureNames
  std::vector<double> alff_band_hz;  // two numbers, increasing
  int reho_neighbourhood = 0;        // 7 | 19 | 27
  bool fc_partial = false;           // also partial correlations
  int sd_ddof = 0;                   // 0 | 1
  std::vector<std::string> task_contrasts;  // expressions over trial_type names
  bool task_hrf_derivative = false;         // add the HRF's temporal derivative per condition
  TaskDrift task_drift{};
  double task_high_pass_seconds = 0;  // > 0, period of the slowest cosine kept (cosine drift)
  int task_polynomial_order = 0;      // >= 1 (polynomial drift)
  TaskNoiseModel task_noise_model{};
  bool operator==(const MeasureSettings&) const = default;
};

// True when `measure` is listed in settings.compute.
bool computes(const MeasureSettings& settings, std::string_view measure);

}  // namespace acuroi::config
