// Scrubbing (censoring) of high-motion volumes, as nilearn's "scrubbing" strategy and XCP-D do.
//
// A volume is censored when it is
//   1. a dummy (non-steady-state) volume: the first `dummy_volumes`, or, when that is not given,
//      every volume flagged (value 1) by fMRIPrep's non_steady_state_outlier_XX columns;
//   2. a motion outlier: framewise displacement > fd_threshold_mm (fMRIPrep's
//      framewise_displacement column; computed with Power's formula from the six motion
//      parameters, rotations in radians on a 50 mm sphere, when the column is absent), or
//      std_dvars > std_dvars_threshold (when set; the column is then required);
//   3. in a run of consecutive uncensored volumes shorter than min_segment_length (nilearn: 5).
// n/a (row 0 of FD and std_dvars) never flags a volume. Thresholds are strict (> as nilearn).
// A run is EXCLUDED (a value, not an exception) when no volume is left or when the time left,
// kept volumes x TR, is below min_time_s. The default 240 s is XCP-D's `--min-time` default.
//
//   CensorMask mask = censor_volumes(confounds_table, 2.0, CensorOptions{});
//   if (mask.excluded) record(mask.exclusion_reason);
//   else use(mask.kept_indices);
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "acuroi/io/table.hpp"

namespace acuroi::denoise {

struct CensorOptions {
  std::optional<double> fd_threshold_mm = 0.5;      // nilearn scrubbing default
  std::optional<double> std_dvars_threshold = 1.5;  // nilearn scrubbing default; nullopt: unused
  int min_segment_length = 5;                       // nilearn default; <= 1 disables the rule
  std::optional<int> dummy_volumes;                 // nullopt: non_steady_state_outlier_XX
  double min_time_s = 240.0;                        // XCP-D --min-time default; 0 disables
  double head_radius_mm = 50.0;                     // Power et al. 2012
};

struct CensorMask {
  std::vector<bool> kept;                      // one per volume
  std::vector<Eigen::Index> kept_indices;      // 0-based, increasing
  std::vector<double> framewise_displacement;  // mm, as used (row 0 n/a -> 0)
  int dummy_count = 0;                         // volumes censored as dummies
  int motion_outlier_count = 0;  // non-dummy volumes over the FD or std-DVARS threshold
  int short_segment_count = 0;   // further volumes censored by the minimum segment rule
  bool excluded = false;
  std::string exclusion_reason;  // empty unless excluded
  Eigen::Index volume_count() const { return static_cast<Eigen::Index>(kept.size()); }
  Eigen::Index kept_count() const { return static_cast<Eigen::Index>(kept_indices.size()); }
};

// Power FD: sum over t of |d trans| (mm) + radius * |d rot| (rad); row 0 is 0.
// `motion` is T x 6 in the order trans_x, trans_y, trans_z, rot_x, rot_y, rot_z.
std::vector<double> power_framewise_displacement(const Eigen::MatrixXd& motion,
                                                 double head_radius_mm = 50.0);

// Censoring from an fMRIPrep confounds table (old column names accepted).
CensorMask censor_volumes(const io::Table& confounds, double repetition_time_s,
                          const CensorOptions& options);

// The same from series: `std_dvars` may be empty (then its threshold is ignored), `dummy` has one
// flag per volume (or is empty when options.dummy_volumes gives the count). NaN never flags.
CensorMask censor_series(const std::vector<double>& framewise_displacement,
                         const std::vector<double>& std_dvars, const std::vector<bool>& dummy,
                         double repetition_time_s, const CensorOptions& options);

}  // namespace acuroi::denoise
