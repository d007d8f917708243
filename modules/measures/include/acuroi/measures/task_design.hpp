// First-level task design matrix for one run (ROI-level GLM), SPM/nilearn conventions.
//
// Frame times: t_i = (i + slice_time_reference) * TR, i = 0..T-1 (nilearn's slice_time_ref,
// default 0). Per condition (BIDS events.tsv trial_type), a boxcar of height `amplitude` is built
// on a grid oversampled by `oversampling` (dt = TR / 16, SPM's fMRI_T): grid points j*dt with onset
// <= j*dt < onset + duration (at least one point — duration 0 is a stick), convolved with
// spm_canonical_hrf(dt) (and its temporal derivative when asked), then read at the frame times
// (linear interpolation; exact when the frame times fall on the grid).
// Drift: "cosine" = SPM's DCT high-pass set, floor(2 T TR / high_pass_seconds) columns
// sqrt(2/T) cos(pi k (i + 0.5) / T), k = 1..K (spm_dctmtx, nilearn's cosine drift, 128 s default);
// "polynomial" = x^p, p = 1..polynomial_order, x = linspace(-1, 1, T); "none". Confound columns
// are appended, then a constant column (intercept) last.
// Events with negative onset, negative or non-finite duration throw core::InputError naming the
// event. An event starting at or after the end of the run (T * TR + slice offset) is dropped with a
// warning in `warnings`; a condition whose events are all dropped does not appear in `conditions`.
//
//   DesignMatrix d = build_task_design(events, DesignOptions{.repetition_time_seconds = 2.0,
//                                                              .volume_count = 200});
//   // d.matrix is T x P; d.condition_columns[c] is the column of d.conditions[c]
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

namespace acuroi::measures {

struct TaskEvent {
  double onset_seconds = 0.0;
  double duration_seconds = 0.0;
  std::string trial_type;
  double amplitude = 1.0;
};

enum class DriftModel { cosine, polynomial, none };

struct DesignOptions {
  double repetition_time_seconds = 0.0;
  std::int64_t volume_count = 0;
  double slice_time_reference = 0.0;  // fraction of TR
  int oversampling = 16;
  bool temporal_derivative = false;
  DriftModel drift = DriftModel::cosine;
  double high_pass_seconds = 128.0;
  int polynomial_order = 1;
};

struct DesignMatrix {
  Eigen::MatrixXd matrix;                 // T x P
  std::vector<std::string> column_names;  // P
  std::vector<std::string> conditions;    // in order of first appearance
  std::vector<int> condition_columns;     // column of each condition's HRF regressor
  int intercept_column = -1;
  std::vector<std::string> warnings;
};

// `confounds` is T x C (may be empty, 0 columns); `confound_names` names its columns.
DesignMatrix build_task_design(const std::vector<TaskEvent>& events, const DesignOptions& options,
                               const Eigen::MatrixXd& confounds = Eigen::MatrixXd(),
                               const std::vector<std::string>& confound_names = {});

}  // namespace acuroi::measures
