// Settings of the `denoise:` section: confound regression, censoring (scrubbing) and temporal
// filtering of the ROI signals, mirroring the options of the denoise module (XCP-D/nilearn names).
//
// Units: thresholds in mm (framewise displacement, Power), standardised DVARS, seconds, Hz.
// Zero/negative sentinels keep the YAML plain: acompcor_variance 0 = use acompcor_components,
// std_dvars_threshold 0 = off, dummy_volumes -1 = fMRIPrep's non_steady_state_outlier columns,
// high_pass_hz 0 = no high-pass, low_pass_hz 0 = no low-pass.
//
//   const DenoiseSettings& d = config.denoise;
//   if (d.strategy == DenoiseStrategy::custom) use(d.custom_columns);
//   std::optional<double> low = d.low_pass_hz > 0 ? std::optional(d.low_pass_hz) : std::nullopt;
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::config {

// Confound sets as XCP-D/nilearn name them: "6P", "24P", "36P", "acompcor", "custom".
enum class DenoiseStrategy { p6, p24, p36, acompcor, custom };
std::string_view to_string(DenoiseStrategy strategy);

struct DenoiseSettings {
  DenoiseStrategy strategy{};
  int acompcor_components = 0;              // >= 1
  double acompcor_variance = 0;             // 0 = use components; else in (0, 1]
  std::vector<std::string> custom_columns;  // names or glob patterns; non-empty for `custom`
  double fd_threshold_mm = 0;               // > 0
  double std_dvars_threshold = 0;           // >= 0; 0 = off
  int min_segment_volumes = 0;              // >= 0
  int dummy_volumes = 0;                    // >= -1; -1 = from non_steady_state_outlier columns
  double min_time_seconds = 0;              // >= 0; runs with less data left are excluded
  double high_pass_hz = 0;                  // >= 0; 0 = none
  double low_pass_hz = 0;                   // > high_pass_hz, or 0 = none
  int polynomial_order = 0;                 // >= 0, drift polynomial
  bool operator==(const DenoiseSettings&) const = default;
};

}  // namespace acuroi::config
