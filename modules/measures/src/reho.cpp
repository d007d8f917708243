#include "acuroi/measures/reho.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "acuroi/core/error.hpp"

namespace acuroi::measures {
namespace {

const double kNan = std::numeric_limits<double>::quiet_NaN();

// Average ranks (1-based) of one series and its tie term sum_g (t_g^3 - t_g).
double rank_series(const Eigen::VectorXd& series, Eigen::VectorXd& ranks) {
  const Eigen::Index n = series.size();
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return series(a) < series(b); });
  ranks.resize(n);
  double tie_term = 0.0;
  Eigen::Index start = 0;
  while (start < n) {
    Eigen::Index end = start + 1;
    while (end < n && series(order[end]) == series(order[start])) ++end;
    const double average_rank = 0.5 * static_cast<double>(start + 1 + end);
    for (Eigen::Index i = start; i < end; ++i) ranks(order[i]) = average_rank;
    const double group = static_cast<double>(end - start);
    tie_term += group * group * group - group;
    start = end;
  }
  return tie_term;
}

bool in_neighbourhood(int di, int dj, int dk, ReHoNeighbourhood neighbourhood) {
  const int manhattan = std::abs(di) + std::abs(dj) + std::abs(dk);
  switch (neighbourhood) {
    case ReHoNeighbourhood::faces_7:
      return manhattan <= 1;
    case ReHoNeighbourhood::faces_edges_19:
      return manhattan <= 2;
    case ReHoNeighbourhood::cube_27:
      return true;
  }
  return false;
}

void check_indices(const Eigen::MatrixXd& voxel_values, const std::vector<std::int64_t>& indices,
                   const std::array<std::int64_t, 3>& dims) {
  if (static_cast<Eigen::Index>(indices.size()) != voxel_values.cols()) {
    throw core::InputError(
        "(ReHo input)", "voxel_indices", std::to_string(indices.size()),
        "must match the number of voxel series (" + std::to_string(voxel_values.cols()) + ")");
  }
  const std::int64_t total = dims[0] * dims[1] * dims[2];
  for (const std::int64_t index : indices) {
    if (index < 0 || index >= total) {
      throw core::InputError("(ReHo input)", "voxel_indices", std::to_string(index),
                             "outside the grid of " + std::to_string(total) + " voxels");
    }
  }
}

}  // namespace

Eigen::VectorXd voxel_reho(const Eigen::MatrixXd& voxel_values,
                           const std::vector<std::int64_t>& voxel_indices,
                           const std::array<std::int64_t, 3>& grid_dims,
                           const ReHoOptions& options) {
  check_indices(voxel_values, voxel_indices, grid_dims);
  const Eigen::Index n = voxel_values.rows();
  const Eigen::Index voxels = voxel_values.cols();
  Eigen::VectorXd reho = Eigen::VectorXd::Constant(voxels, kNan);
  if (n < 2) return reho;
  Eigen::MatrixXd ranks(n, voxels);
  std::vector<double> tie_terms(static_cast<std::size_t>(voxels));
  std::unordered_map<std::int64_t, Eigen::Index> column_of;
  for (Eigen::Index v = 0; v < voxels; ++v) {
    Eigen::VectorXd column_ranks;
    tie_terms[v] = rank_series(voxel_values.col(v), column_ranks);
    ranks.col(v) = column_ranks;
    column_of.emplace(voxel_indices[v], v);
  }
  const std::int64_t nx = grid_dims[0], ny = grid_dims[1], nz = grid_dims[2];
  const double nd = static_cast<double>(n);
  for (Eigen::Index v = 0; v < voxels; ++v) {
    const std::int64_t index = voxel_indices[v];
    const std::int64_t i = index % nx, j = (index / nx) % ny, k = index / (nx * ny);
    Eigen::VectorXd rank_sums = Eigen::VectorXd::Zero(n);
    double tie_sum = 0.0;
    double members = 0.0;
    for (int dk = -1; dk <= 1; ++dk) {
      for (int dj = -1; dj <= 1; ++dj) {
        for (int di = -1; di <= 1; ++di) {
          if (!in_neighbourhood(di, dj, dk, options.neighbourhood)) continue;
          const std::int64_t ii = i + di, jj = j + dj, kk = k + dk;
          if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
          const auto found = column_of.find(ii + nx * (jj + ny * kk));
          if (found == column_of.end()) continue;
          rank_sums += ranks.col(found->second);
          tie_sum += tie_terms[found->second];
          members += 1.0;
        }
      }
    }
    if (members < 2.0) continue;
    const double centre = members * (nd + 1.0) / 2.0;
    const double s = (rank_sums.array() - centre).square().sum();
    double denominator = members * members * (nd * nd * nd - nd);
    if (options.tie_correction) denominator -= members * tie_sum;
    if (denominator > 0.0) reho(v) = 12.0 * s / denominator;
  }
  return reho;
}

ReHoResult roi_reho(const Eigen::MatrixXd& voxel_values,
                    const std::vector<std::int64_t>& voxel_indices,
                    const std::array<std::int64_t, 3>& grid_dims, const ReHoOptions& options) {
  ReHoResult result;
  if (voxel_values.cols() < 2) {
    check_indices(voxel_values, voxel_indices, grid_dims);
    result.reho = kNan;
    result.voxels_skipped = voxel_values.cols();
    result.nan_reason =
        "ROI has fewer than 2 usable voxels (" + std::to_string(voxel_values.cols()) + ")";
    return result;
  }
  const Eigen::VectorXd per_voxel = voxel_reho(voxel_values, voxel_indices, grid_dims, options);
  double sum = 0.0;
  for (Eigen::Index v = 0; v < per_voxel.size(); ++v) {
    if (std::isfinite(per_voxel(v))) {
      sum += per_voxel(v);
      ++result.voxels_used;
    } else {
      ++result.voxels_skipped;
    }
  }
  if (result.voxels_used == 0) {
    result.reho = kNan;
    result.nan_reason = voxel_values.rows() < 2
                            ? "fewer than 2 volumes"
                            : "no ROI voxel has a neighbour in the ROI (or all series constant)";
    return result;
  }
  result.reho = sum / static_cast<double>(result.voxels_used);
  return result;
}

}  // namespace acuroi::measures
