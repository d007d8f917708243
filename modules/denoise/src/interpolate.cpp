#include "acuroi/denoise/interpolate.hpp"

#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::denoise {

Eigen::MatrixXd fill_censored_linear(const Eigen::MatrixXd& kept_rows,
                                     const std::vector<Eigen::Index>& kept_indices,
                                     Eigen::Index volume_count) {
  const auto kept = static_cast<Eigen::Index>(kept_indices.size());
  if (kept == 0 || kept != kept_rows.rows())
    throw core::InputError("", "kept_indices", std::to_string(kept),
                           "need one kept index per row of the kept values (" +
                               std::to_string(kept_rows.rows()) + " rows), at least one");
  for (Eigen::Index i = 0; i < kept; ++i) {
    const Eigen::Index at = kept_indices[i];
    if (at < 0 || at >= volume_count || (i > 0 && at <= kept_indices[i - 1]))
      throw core::InputError("", "kept_indices[" + std::to_string(i) + "]", std::to_string(at),
                             "kept indices must increase and lie in [0, " +
                                 std::to_string(volume_count) + ")");
  }
  Eigen::MatrixXd full(volume_count, kept_rows.cols());
  Eigen::Index next = 0;  // first kept index at or after t
  for (Eigen::Index t = 0; t < volume_count; ++t) {
    while (next < kept && kept_indices[next] < t) ++next;
    if (next < kept && kept_indices[next] == t) {
      full.row(t) = kept_rows.row(next);
    } else if (next == 0) {
      full.row(t) = kept_rows.row(0);
    } else if (next == kept) {
      full.row(t) = kept_rows.row(kept - 1);
    } else {
      const double t0 = static_cast<double>(kept_indices[next - 1]);
      const double t1 = static_cast<double>(kept_indices[next]);
      const double w = (static_cast<double>(t) - t0) / (t1 - t0);
      full.row(t) = (1.0 - w) * kept_rows.row(next - 1) + w * kept_rows.row(next);
    }
  }
  return full;
}

}  // namespace acuroi::denoise
