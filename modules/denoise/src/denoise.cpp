// One least-squares projection per run, shared by all signal columns (see denoise.hpp).
#include "acuroi/denoise/denoise.hpp"

#include <limits>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::denoise {
namespace {

// Relative threshold of the rank-revealing QR: pivots below 1e-10 x the largest are dependent.
constexpr double kRankThreshold = 1e-10;

void check_rows(Eigen::Index signal_rows, const ConfoundMatrix& confounds, const CensorMask& mask) {
  if (confounds.volume_count() != signal_rows)
    throw core::InputError(confounds.source, "rows", std::to_string(confounds.volume_count()),
                           "the confounds have " + std::to_string(confounds.volume_count()) +
                               " rows but the signal has " + std::to_string(signal_rows) +
                               " volumes");
  if (mask.volume_count() != signal_rows)
    throw core::InputError(confounds.source, "censor mask", std::to_string(mask.volume_count()),
                           "the censor mask has " + std::to_string(mask.volume_count()) +
                               " volumes but the signal has " + std::to_string(signal_rows));
}

}  // namespace

Eigen::MatrixXd DenoiseResult::cleaned_full(Eigen::Index volume_count) const {
  Eigen::MatrixXd full = Eigen::MatrixXd::Constant(volume_count, cleaned.cols(),
                                                   std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < kept_indices.size(); ++i)
    full.row(kept_indices[i]) = cleaned.row(static_cast<Eigen::Index>(i));
  return full;
}

DenoiseResult denoise(const Eigen::MatrixXd& signals, const ConfoundMatrix& confounds,
                      const CensorMask& mask, double repetition_time_s,
                      const DenoiseOptions& options) {
  check_rows(signals.rows(), confounds, mask);
  const DesignMatrix design = build_denoise_design(confounds, repetition_time_s, options);
  DenoiseResult result;
  result.kept_indices = mask.kept_indices;
  result.regressor_names = design.names;
  if (mask.excluded) {
    result.excluded = true;
    result.exclusion_reason = mask.exclusion_reason;
    return result;
  }
  const Eigen::Index kept = mask.kept_count();
  Eigen::MatrixXd kept_design(kept, design.values.cols());
  Eigen::MatrixXd kept_signals(kept, signals.cols());
  for (Eigen::Index i = 0; i < kept; ++i) {
    kept_design.row(i) = design.values.row(mask.kept_indices[static_cast<std::size_t>(i)]);
    kept_signals.row(i) = signals.row(mask.kept_indices[static_cast<std::size_t>(i)]);
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(kept, kept_design.cols());
  qr.setThreshold(kRankThreshold);
  qr.compute(kept_design);
  result.design_rank = qr.rank();
  result.residual_dof = kept - result.design_rank;
  if (result.residual_dof <= 0) {
    result.excluded = true;
    result.exclusion_reason = "the denoising design has rank " +
                              std::to_string(result.design_rank) + " for " + std::to_string(kept) +
                              " kept volumes: no residual degrees of freedom";
    return result;
  }
  // Residual = Y - Q1 (Q1' Y), Q1 the first `rank` columns of Q (the column space of the design).
  const Eigen::MatrixXd q1 =
      qr.householderQ() * Eigen::MatrixXd::Identity(kept, result.design_rank);
  result.cleaned = kept_signals - q1 * (q1.transpose() * kept_signals);
  return result;
}

DenoiseResult denoise(const Eigen::MatrixXf& signals, const ConfoundMatrix& confounds,
                      const CensorMask& mask, double repetition_time_s,
                      const DenoiseOptions& options) {
  return denoise(Eigen::MatrixXd(signals.cast<double>()), confounds, mask, repetition_time_s,
                 options);
}

}  // namespace acuroi::denoise
