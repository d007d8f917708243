// Denoising of ROI (T x R) or ROI-voxel (T x V) signals: confound regression, detrending and
// band-pass filtering in ONE least-squares regression fitted on the kept (uncensored) volumes.
//
// Approach (A), chosen over XCP-D's sequence (regress -> interpolate censored volumes -> filter ->
// censor again): the design matrix holds, side by side,
//   - an intercept and powers of time scaled to [-1, 1] up to `polynomial_order` (detrending),
//   - the confounds (ConfoundMatrix),
//   - a band-stop basis: the DCT-II regressors cos(pi k (t + 1/2) / T), k = 1 .. T-1, whose
//     frequency k / (2 T TR) lies below high_pass_hz or above low_pass_hz (as SPM's / fMRIPrep's
//     cosine high-pass, extended to the low-pass side),
// evaluated on the full time grid and restricted to the kept rows. The cleaned signal is the
// least-squares residual, i.e. the projection of the kept data on the orthogonal complement of
// all those regressors at once. One projection cannot put back what another removed (the
// classic problem of filtering after regression, Lindquist et al. 2019), it needs no
// interpolation of censored volumes, and it is exact on censored data. The price is degrees of
// freedom: the band-stop basis costs one regressor per stopped frequency, which a band-pass
// removes anyway. `residual_dof` reports what is left; a run whose design uses up every kept
// volume is EXCLUDED (a value, not an exception).
// The factorisation (column-pivoted Householder QR, rank-revealing) is computed once per run and
// applied to every column, so thousands of voxel series cost one QR plus two matrix products.
// Censored rows of `cleaned_full()` are NaN.
//
//   DenoiseResult r = denoise(roi_signals, confounds, mask, 2.0, DenoiseOptions{});
//   if (!r.excluded) use(r.cleaned);  // kept volumes x R
//   Eigen::MatrixXd full = r.cleaned_full(roi_signals.rows());
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "acuroi/denoise/censor.hpp"
#include "acuroi/denoise/confounds.hpp"

namespace acuroi::denoise {

struct DenoiseOptions {
  std::optional<double> high_pass_hz = 0.01;  // nullopt: no high-pass
  std::optional<double> low_pass_hz = 0.08;   // nullopt: no low-pass
  int polynomial_order = 1;                   // 0: intercept only; 1: + linear trend; ...
};

struct DesignMatrix {
  Eigen::MatrixXd values;          // T x P, on the full time grid
  std::vector<std::string> names;  // "intercept", "polynomial_1", confound names, "dct_stop_12"
};

// The design described above (full time grid; the caller selects kept rows).
DesignMatrix build_denoise_design(const ConfoundMatrix& confounds, double repetition_time_s,
                                  const DenoiseOptions& options);

struct DenoiseResult {
  Eigen::MatrixXd cleaned;                 // kept volumes x N (residuals)
  std::vector<Eigen::Index> kept_indices;  // rows of the input that `cleaned` holds
  std::vector<std::string> regressor_names;
  Eigen::Index design_rank = 0;
  Eigen::Index residual_dof = 0;  // kept volumes - design rank
  bool excluded = false;
  std::string exclusion_reason;
  // T x N with the cleaned rows in place and NaN at censored volumes.
  Eigen::MatrixXd cleaned_full(Eigen::Index volume_count) const;
};

// signals: T x N. The confounds and the mask must have T rows (else core::InputError naming the
// confounds file and both counts). An excluded mask gives an excluded result (no regression).
DenoiseResult denoise(const Eigen::MatrixXd& signals, const ConfoundMatrix& confounds,
                      const CensorMask& mask, double repetition_time_s,
                      const DenoiseOptions& options);
// Voxel series stored as float: computed in double, returned in double.
DenoiseResult denoise(const Eigen::MatrixXf& signals, const ConfoundMatrix& confounds,
                      const CensorMask& mask, double repetition_time_s,
                      const DenoiseOptions& options);

}  // namespace acuroi::denoise
