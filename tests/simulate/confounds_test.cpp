// Confound computations on small hand-made runs with known answers.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "acuroi/simulate/confounds.hpp"

namespace acuroi::simulate {
namespace {

TEST(SimulateConfounds, CosineBasisFollowsNipypeOrderAndIsOrthonormal) {
  // order = max(floor(2 T TR / 128), 1); order - 1 cosines.
  EXPECT_EQ(cosine_drift_basis(100, 2.0)[0].size(), 2u);  // floor(3.125) = 3
  EXPECT_EQ(cosine_drift_basis(60, 2.0)[0].size(), 0u);   // floor(1.875) = 1
  EXPECT_EQ(cosine_drift_basis(300, 0.8)[0].size(), 2u);  // floor(3.75) = 3
  const auto b = cosine_drift_basis(200, 2.0);            // floor(6.25) = 6 -> 5 cosines
  ASSERT_EQ(b[0].size(), 5u);
  for (std::size_t j = 0; j < 5; ++j) {
    double sum = 0;
    for (std::size_t k = 0; k < 5; ++k) {
      double dot = 0;
      for (int t = 0; t < 200; ++t) dot += b[t][j] * b[t][k];
      EXPECT_NEAR(dot, j == k ? 1.0 : 0.0, 1e-12);
    }
    for (int t = 0; t < 200; ++t) sum += b[t][j];
    EXPECT_NEAR(sum, 0.0, 1e-12);  // orthogonal to the constant
  }
  EXPECT_NEAR(b[7][2], std::sqrt(2.0 / 200) * std::cos(std::numbers::pi / 200 * 7.5 * 3), 1e-15);
}

SimulatedRun run_from(const std::vector<std::vector<float>>& voxel_series) {
  SimulatedRun run;
  run.voxels = voxel_series.size();
  run.volumes = static_cast<int>(voxel_series[0].size());
  run.values.resize(run.voxels * run.volumes);
  for (std::size_t i = 0; i < run.voxels; ++i)
    for (int t = 0; t < run.volumes; ++t) run.values[t * run.voxels + i] = voxel_series[i][t];
  return run;
}

TEST(SimulateConfounds, MeansOverMaskAndSubsets) {
  const SimulatedRun run = run_from({{1, 2, 3}, {3, 4, 5}, {8, 9, 10}});
  const auto all = brain_mean_series(run);
  EXPECT_DOUBLE_EQ(all[0], 4.0);
  EXPECT_DOUBLE_EQ(all[2], 6.0);
  const auto some = mean_series(run, {0, 2});
  EXPECT_DOUBLE_EQ(some[1], 5.5);
  EXPECT_TRUE(std::isnan(mean_series(run, {})[0]));  // an empty mask is n/a, not a crash
}

TEST(SimulateConfounds, DvarsOfAStepIsTheStepSizeAfterScaling) {
  // Two voxels with median 100 overall: scaled x10. One voxel steps by 2 at t = 2 -> dvars there
  // = sqrt((20^2 + 0) / 2); constant voxel has zero robust SD and is dropped -> sqrt(20^2 / 1).
  const SimulatedRun run = run_from({{99, 99, 101, 101, 99, 101}, {100, 100, 100, 100, 100, 100}});
  const Dvars d = compute_dvars(run);
  EXPECT_TRUE(std::isnan(d.dvars[0]));
  EXPECT_NEAR(d.dvars[1], 0.0, 1e-12);
  EXPECT_NEAR(d.dvars[2], 20.0, 1e-9);
  EXPECT_NEAR(d.dvars[4], 20.0, 1e-9);
}

TEST(SimulateConfounds, FirstCompCorComponentIsTheDominantSharedSignal) {
  // 50 voxels = weight_v * s(t) + small independent wiggles; after the mean and the DCT
  // regressors are removed, component 0 must be the same (unit-norm) residual of s.
  const int T = 80;
  std::vector<double> s(T);
  for (int t = 0; t < T; ++t) s[t] = std::sin(0.9 * t) + 0.3 * std::cos(2.1 * t);
  std::vector<std::vector<float>> voxels(50, std::vector<float>(T));
  for (int v = 0; v < 50; ++v)
    for (int t = 0; t < T; ++t)
      voxels[v][t] =
          static_cast<float>(500 + (1 + v % 7) * s[t] + 0.01 * std::sin(0.37 * v * t + v));
  const SimulatedRun run = run_from(voxels);
  std::vector<std::int32_t> all(50);
  for (int v = 0; v < 50; ++v) all[v] = v;
  const auto c = acompcor_components(run, all, 3.0, 6);
  ASSERT_EQ(c.size(), 6u);
  // Reference: s with its mean and the cosines of nipype's basis removed, normalised.
  const auto basis = cosine_drift_basis(T, 3.0);
  std::vector<double> r = s;
  double mean = 0;
  for (double x : r) mean += x / T;
  for (double& x : r) x -= mean;
  for (std::size_t k = 0; k < basis[0].size(); ++k) {
    double dot = 0;
    for (int t = 0; t < T; ++t) dot += basis[t][k] * r[t];
    for (int t = 0; t < T; ++t) r[t] -= dot * basis[t][k];
  }
  double norm = 0, dot = 0;
  for (int t = 0; t < T; ++t) norm += r[t] * r[t];
  for (int t = 0; t < T; ++t) dot += r[t] / std::sqrt(norm) * c[0][t];
  EXPECT_GT(std::abs(dot), 0.999);
  for (const auto& component : c) {
    double n2 = 0;
    for (double x : component) n2 += x * x;
    EXPECT_NEAR(n2, 1.0, 1e-9);
  }
}

}  // namespace
}  // namespace acuroi::simulate
