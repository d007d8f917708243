#include "acuroi/meta/permutation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "acuroi/core/error.hpp"

namespace acuroi::meta {
namespace {
// One independent stream per iteration (seed, iteration) -> same draws at any thread count.
std::mt19937_64 stream(std::uint64_t seed, std::size_t iteration) {
  std::seed_seq s{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                  static_cast<std::uint32_t>(iteration), static_cast<std::uint32_t>(iteration >> 32)};
  return std::mt19937_64(s);
}
}  // namespace

PermutationTest permutation_test(const RmaFit& fit, std::size_t iterations, std::uint64_t seed) {
  if (iterations == 0) throw core::InputError("permutest", "iterations", "0", "needs at least one permutation");
  const std::size_t p = fit.p;
  std::vector<std::vector<double>> stats(iterations, std::vector<double>(p + 1));
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, iterations), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t it = r.begin(); it != r.end(); ++it) {
      std::mt19937_64 rng = stream(seed, it);
      RmaFit f;
      if (fit.int_only) {
        Eigen::VectorXd y = fit.yi;
        std::bernoulli_distribution flip(0.5);
        for (Eigen::Index i = 0; i < y.size(); ++i)
          if (flip(rng)) y(i) = -y(i);
        f = fit_rma(y, fit.vi, fit.options);
      } else {
        std::vector<Eigen::Index> idx(fit.k);
        std::iota(idx.begin(), idx.end(), 0);
        std::shuffle(idx.begin(), idx.end(), rng);
        Eigen::MatrixXd X(fit.X.rows(), fit.X.cols());
        for (Eigen::Index i = 0; i < X.rows(); ++i) X.row(i) = fit.X.row(idx[static_cast<std::size_t>(i)]);
        f = fit_rma_matrix(fit.yi, fit.vi, X, fit.coef_names, fit.options);
      }
      for (std::size_t j = 0; j < p; ++j) stats[it][j] = f.stat(static_cast<Eigen::Index>(j));
      stats[it][p] = f.QM;
    }
  });
  PermutationTest out;
  out.iterations = iterations;
  const double eps = 1e-12;
  for (std::size_t j = 0; j <= p; ++j) {
    const double obs = j < p ? std::abs(fit.stat(static_cast<Eigen::Index>(j))) : fit.QM;
    std::size_t extreme = 0;
    for (std::size_t it = 0; it < iterations; ++it) {
      const double s = j < p ? std::abs(stats[it][j]) : stats[it][j];
      if (s >= obs - eps * std::abs(obs)) ++extreme;
    }
    const double pv = (static_cast<double>(extreme) + 1.0) / (static_cast<double>(iterations) + 1.0);
    if (j < p) out.pval.push_back(pv); else out.QMp = pv;
  }
  return out;
}

}  // namespace acuroi::meta
