// Mean signal, temporal standard deviation and temporal SNR of each column of a T x R matrix.
//
// Convention: SD uses ddof = 1 by default (sample SD, as AFNI 3dTstat -stdev); nipype's TSNR
// (fMRIPrep) uses ddof = 0 — set `sd_ddof = 0` to match it. tSNR = mean / SD. A column containing
// a non-finite value, with fewer than ddof + 1 rows, or with SD == 0 gives NaN tSNR.
//
//   Eigen::MatrixXd roi_series = ...;                 // T x R
//   SignalStats s = signal_stats(roi_series);        // s.mean(r), s.sd(r), s.tsnr(r)
#pragma once
#include <Eigen/Dense>

namespace acuroi::measures {

struct SignalStats {
  Eigen::VectorXd mean;  // R
  Eigen::VectorXd sd;    // R, ddof as requested
  Eigen::VectorXd tsnr;  // R, mean / sd
};

SignalStats signal_stats(const Eigen::MatrixXd& series, int sd_ddof = 1);

}  // namespace acuroi::measures
