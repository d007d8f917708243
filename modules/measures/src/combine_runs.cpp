#include "acuroi/measures/combine_runs.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::measures {

double combine_run_values(const std::vector<RunValue>& runs) {
  double weighted_sum = 0.0, weight_total = 0.0;
  for (const RunValue& run : runs) {
    if (!std::isfinite(run.value) || run.volumes_kept <= 0) continue;
    weighted_sum += run.value * static_cast<double>(run.volumes_kept);
    weight_total += static_cast<double>(run.volumes_kept);
  }
  return weight_total > 0.0 ? weighted_sum / weight_total
                            : std::numeric_limits<double>::quiet_NaN();
}

Eigen::MatrixXd combine_run_connectivity(const std::vector<Eigen::MatrixXd>& run_z,
                                         const std::vector<std::int64_t>& volumes_kept) {
  if (run_z.size() != volumes_kept.size()) {
    throw core::InputError("(run combination)", "volumes_kept", std::to_string(volumes_kept.size()),
                           "must have one entry per run (" + std::to_string(run_z.size()) + ")");
  }
  if (run_z.empty()) return {};
  const Eigen::Index rows = run_z.front().rows(), cols = run_z.front().cols();
  Eigen::MatrixXd weighted_sum = Eigen::MatrixXd::Zero(rows, cols);
  Eigen::MatrixXd weight_total = Eigen::MatrixXd::Zero(rows, cols);
  for (std::size_t run = 0; run < run_z.size(); ++run) {
    const Eigen::MatrixXd& z = run_z[run];
    if (z.rows() != rows || z.cols() != cols) {
      throw core::InputError(
          "(run combination)", "run " + std::to_string(run) + " matrix size",
          std::to_string(z.rows()) + "x" + std::to_string(z.cols()),
          "differs from run 0 (" + std::to_string(rows) + "x" + std::to_string(cols) + ")");
    }
    if (volumes_kept[run] <= 0) continue;
    const double weight = static_cast<double>(volumes_kept[run]);
    for (Eigen::Index j = 0; j < cols; ++j) {
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (!std::isfinite(z(i, j))) continue;
        weighted_sum(i, j) += weight * z(i, j);
        weight_total(i, j) += weight;
      }
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return weighted_sum.binaryExpr(
      weight_total, [nan](double sum, double total) { return total > 0.0 ? sum / total : nan; });
}

}  // namespace acuroi::measures
