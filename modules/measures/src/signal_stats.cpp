#include "acuroi/measures/signal_stats.hpp"

#include <cmath>
#include <limits>

namespace acuroi::measures {

SignalStats signal_stats(const Eigen::MatrixXd& series, int sd_ddof) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Eigen::Index rows = series.rows();
  const Eigen::Index cols = series.cols();
  SignalStats out{Eigen::VectorXd::Constant(cols, nan), Eigen::VectorXd::Constant(cols, nan),
                  Eigen::VectorXd::Constant(cols, nan)};
  for (Eigen::Index r = 0; r < cols; ++r) {
    const auto column = series.col(r);
    if (rows == 0 || !column.allFinite()) continue;
    const double mean = column.mean();
    out.mean(r) = mean;
    if (rows <= sd_ddof) continue;
    const double sum_sq = (column.array() - mean).square().sum();
    const double sd = std::sqrt(sum_sq / static_cast<double>(rows - sd_ddof));
    out.sd(r) = sd;
    if (sd > 0.0) out.tsnr(r) = mean / sd;
  }
  return out;
}

}  // namespace acuroi::measures
