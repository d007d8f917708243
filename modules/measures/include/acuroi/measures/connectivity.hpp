// ROI-ROI functional connectivity from a T x R matrix of ROI series.
//
// Pearson r as numpy.corrcoef (diagonal 1); Fisher z = atanh(r) with the diagonal set to NaN
// (atanh(1) is infinite and self-connectivity carries no information); off-diagonal |r| = 1 gives
// +-inf. Partial correlation from the precision matrix P = inverse of the empirical covariance:
// p_ij = -P_ij / sqrt(P_ii P_jj), diagonal 1 (no shrinkage — nilearn's ConnectivityMeasure
// defaults to Ledoit-Wolf; we use the plain covariance so results do not depend on a shrinkage
// estimate). A ROI column that is non-finite or constant gets a NaN row and column and is left out
// of the partial correlation of the others; a singular covariance gives all-NaN with a reason.
// Network summaries average z over pairs (i < j) with finite z.
//
//   Eigen::MatrixXd r = pearson_correlation(roi_series);
//   Eigen::MatrixXd z = fisher_z(r);
//   double dmn = within_network_connectivity(z, {3, 4, 5});
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace acuroi::measures {

Eigen::MatrixXd pearson_correlation(const Eigen::MatrixXd& roi_series);

Eigen::MatrixXd fisher_z(const Eigen::MatrixXd& correlation);

struct PartialCorrelation {
  Eigen::MatrixXd matrix;  // R x R
  std::string nan_reason;  // "" = computed
};

PartialCorrelation partial_correlation(const Eigen::MatrixXd& roi_series);

// Mean z over the pairs i < j of `rois` (column indices); NaN when no pair has a finite z.
// Throws core::InputError for an index outside the matrix.
double within_network_connectivity(const Eigen::MatrixXd& z, const std::vector<int>& rois);

// Mean z over the pairs (a, b), a in `rois_a`, b in `rois_b`, a != b, with finite z.
double between_network_connectivity(const Eigen::MatrixXd& z, const std::vector<int>& rois_a,
                                    const std::vector<int>& rois_b);

}  // namespace acuroi::measures
