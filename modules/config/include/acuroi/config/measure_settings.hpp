// Settings of the `measures:` section: which measures to compute and their options, mirroring the
// options of the measures module.
//
// `compute` holds names from kMeasureNames, each at most once, in the order written.
// alff_band_hz is [low, high] in Hz, low < high; reho_neighbourhood is 7, 19 or 27 voxels;
// sd_ddof is 0 (population SD, as nipype's TSNR) or 1 (sample SD, as AFNI 3dTstat -stdev).
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

struct MeasureSettings {
  std::vector<std::string> compute;  // unique names from kMeasureNames
  std::vector<double> alff_band_hz;  // two numbers, increasing
  int reho_neighbourhood = 0;        // 7 | 19 | 27
  bool fc_partial = false;           // also partial correlations
  int sd_ddof = 0;                   // 0 | 1
  bool operator==(const MeasureSettings&) const = default;
};

// True when `measure` is listed in settings.compute.
bool computes(const MeasureSettings& settings, std::string_view measure);

}  // namespace acuroi::config
