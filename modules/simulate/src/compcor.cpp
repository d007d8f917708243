// aCompCor and the DCT high-pass basis as fMRIPrep computes them (nipype CompCor, cosine filter).
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "acuroi/simulate/confounds.hpp"

namespace acuroi::simulate {

std::vector<std::vector<double>> cosine_drift_basis(int volumes, double tr_s, double period_cut_s) {
  const int order = std::max(static_cast<int>(std::floor(2.0 * volumes * tr_s / period_cut_s)), 1);
  const double norm = std::sqrt(2.0 / volumes);
  std::vector<std::vector<double>> basis(volumes, std::vector<double>(order - 1));
  for (int t = 0; t < volumes; ++t) {
    for (int k = 1; k < order; ++k) {
      basis[t][k - 1] = norm * std::cos(std::numbers::pi / volumes * (t + 0.5) * k);
    }
  }
  return basis;
}

std::vector<std::vector<double>> acompcor_components(const SimulatedRun& run,
                                                     const std::vector<std::int32_t>& positions,
                                                     double tr_s, int count) {
  const int T = run.volumes;
  const auto V = static_cast<Eigen::Index>(positions.size());
  if (V == 0 || count <= 0) return {};
  // M: time x voxels, high-passed (the cosines are orthonormal and orthogonal to the constant, so
  // least squares is a projection), demeaned, each column divided by its population SD.
  const auto basis = cosine_drift_basis(T, tr_s);
  const int cosines = basis.empty() ? 0 : static_cast<int>(basis[0].size());
  Eigen::MatrixXd M(T, V);
  for (Eigen::Index v = 0; v < V; ++v) {
    for (int t = 0; t < T; ++t)
      M(t, v) = run.values[static_cast<std::size_t>(t) * run.voxels + positions[v]];
  }
  for (Eigen::Index v = 0; v < V; ++v) {
    auto column = M.col(v);
    column.array() -= column.mean();
    for (int k = 0; k < cosines; ++k) {
      double projection = 0.0;
      for (int t = 0; t < T; ++t) projection += basis[t][k] * column(t);
      for (int t = 0; t < T; ++t) column(t) -= projection * basis[t][k];
    }
    const double sd = std::sqrt(column.squaredNorm() / T);
    if (sd > 0.0 && std::isfinite(sd)) column /= sd;
  }
  // Left singular vectors of M = eigenvectors of M M^T, largest eigenvalue first.
  const Eigen::MatrixXd gram = M * M.transpose();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(gram);
  const int available = static_cast<int>(std::min<Eigen::Index>({T, V, count}));
  std::vector<std::vector<double>> components;
  for (int c = 0; c < available; ++c) {
    Eigen::VectorXd u = solver.eigenvectors().col(T - 1 - c);
    Eigen::Index largest;
    u.cwiseAbs().maxCoeff(&largest);
    if (u(largest) < 0) u = -u;
    components.emplace_back(u.data(), u.data() + T);
  }
  return components;
}

}  // namespace acuroi::simulate
