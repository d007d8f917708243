#include "acuroi/measures/connectivity.hpp"

#include <cmath>
#include <limits>

#include "acuroi/core/error.hpp"

namespace acuroi::measures {
namespace {

const double kNan = std::numeric_limits<double>::quiet_NaN();

// Columns that are finite and not constant.
std::vector<Eigen::Index> usable_columns(const Eigen::MatrixXd& series) {
  std::vector<Eigen::Index> usable;
  for (Eigen::Index r = 0; r < series.cols(); ++r) {
    const auto column = series.col(r);
    if (series.rows() < 2 || !column.allFinite()) continue;
    if ((column.array() == column(0)).all()) continue;
    usable.push_back(r);
  }
  return usable;
}

Eigen::MatrixXd centred_columns(const Eigen::MatrixXd& series,
                                const std::vector<Eigen::Index>& columns) {
  Eigen::MatrixXd centred(series.rows(), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto column = series.col(columns[c]);
    centred.col(static_cast<Eigen::Index>(c)) = column.array() - column.mean();
  }
  return centred;
}

void check_rois(const Eigen::MatrixXd& z, const std::vector<int>& rois) {
  for (const int roi : rois) {
    if (roi < 0 || roi >= z.rows()) {
      throw core::InputError(
          "(connectivity input)", "roi index", std::to_string(roi),
          "outside the " + std::to_string(z.rows()) + " x " + std::to_string(z.cols()) + " matrix");
    }
  }
}

}  // namespace

Eigen::MatrixXd pearson_correlation(const Eigen::MatrixXd& roi_series) {
  const Eigen::Index rois = roi_series.cols();
  Eigen::MatrixXd r = Eigen::MatrixXd::Constant(rois, rois, kNan);
  const std::vector<Eigen::Index> usable = usable_columns(roi_series);
  const Eigen::MatrixXd centred = centred_columns(roi_series, usable);
  const Eigen::MatrixXd cross = centred.transpose() * centred;
  const Eigen::VectorXd norms = cross.diagonal().array().sqrt();
  for (std::size_t a = 0; a < usable.size(); ++a) {
    for (std::size_t b = 0; b < usable.size(); ++b) {
      const auto ia = static_cast<Eigen::Index>(a), ib = static_cast<Eigen::Index>(b);
      double value = cross(ia, ib) / (norms(ia) * norms(ib));
      value = std::min(1.0, std::max(-1.0, value));  // as numpy.corrcoef clips
      r(usable[a], usable[b]) = (a == b) ? 1.0 : value;
    }
  }
  return r;
}

Eigen::MatrixXd fisher_z(const Eigen::MatrixXd& correlation) {
  Eigen::MatrixXd z = correlation.unaryExpr([](double r) { return std::atanh(r); });
  for (Eigen::Index i = 0; i < std::min(z.rows(), z.cols()); ++i) z(i, i) = kNan;
  return z;
}

PartialCorrelation partial_correlation(const Eigen::MatrixXd& roi_series) {
  const Eigen::Index rois = roi_series.cols();
  PartialCorrelation out{Eigen::MatrixXd::Constant(rois, rois, kNan), ""};
  const std::vector<Eigen::Index> usable = usable_columns(roi_series);
  const auto count = static_cast<Eigen::Index>(usable.size());
  if (count < 2) {
    out.nan_reason = "fewer than 2 usable ROI series";
    return out;
  }
  const Eigen::MatrixXd centred = centred_columns(roi_series, usable);
  const Eigen::MatrixXd covariance =
      centred.transpose() * centred / static_cast<double>(roi_series.rows() - 1);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(covariance);
  const double largest = eigen.eigenvalues().maxCoeff();
  if (!(eigen.eigenvalues().minCoeff() > largest * 1e-12 * static_cast<double>(count))) {
    out.nan_reason = "ROI covariance is singular (more ROIs than volumes or collinear series)";
    return out;
  }
  const Eigen::MatrixXd precision =
      covariance.ldlt().solve(Eigen::MatrixXd::Identity(count, count));
  for (Eigen::Index a = 0; a < count; ++a) {
    for (Eigen::Index b = 0; b < count; ++b) {
      out.matrix(usable[a], usable[b]) =
          (a == b) ? 1.0 : -precision(a, b) / std::sqrt(precision(a, a) * precision(b, b));
    }
  }
  return out;
}

double within_network_connectivity(const Eigen::MatrixXd& z, const std::vector<int>& rois) {
  check_rois(z, rois);
  double sum = 0.0;
  int pairs = 0;
  for (std::size_t a = 0; a < rois.size(); ++a) {
    for (std::size_t b = a + 1; b < rois.size(); ++b) {
      const double value = z(rois[a], rois[b]);
      if (rois[a] == rois[b] || !std::isfinite(value)) continue;
      sum += value;
      ++pairs;
    }
  }
  return pairs > 0 ? sum / pairs : kNan;
}

double between_network_connectivity(const Eigen::MatrixXd& z, const std::vector<int>& rois_a,
                                    const std::vector<int>& rois_b) {
  check_rois(z, rois_a);
  check_rois(z, rois_b);
  double sum = 0.0;
  int pairs = 0;
  for (const int a : rois_a) {
    for (const int b : rois_b) {
      const double value = z(a, b);
      if (a == b || !std::isfinite(value)) continue;
      sum += value;
      ++pairs;
    }
  }
  return pairs > 0 ? sum / pairs : kNan;
}

}  // namespace acuroi::measures
