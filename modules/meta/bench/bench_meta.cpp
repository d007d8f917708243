// Benchmark of the meta module (not a test): scripts/bench-meta.sh runs the three modes.
//   bench_meta small            1,000 pools of k = 20: REML + Hartung-Knapp + prediction interval
//   bench_meta large K          one REML pool of k = K studies (run under /usr/bin/time -v for RSS)
//   bench_meta voxel [N]        N (default 100,000) pools of k = 20, TBB across pools
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "acuroi/meta/pool_map.hpp"
#include "acuroi/meta/predict.hpp"
#include "acuroi/meta/rma.hpp"

using namespace acuroi::meta;

namespace {
// Study effects: true effect 0.3, tau^2 0.05, sampling variances in [0.01, 0.2]; seeded per pool.
void simulate(std::size_t pool, Eigen::Index k, Eigen::VectorXd& y, Eigen::VectorXd& v) {
  std::mt19937_64 rng(1000003ULL * pool + 17);
  std::uniform_real_distribution<double> var(0.01, 0.2);
  std::normal_distribution<double> z(0.0, 1.0);
  y.resize(k);
  v.resize(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    v(i) = var(rng);
    y(i) = 0.3 + std::sqrt(0.05) * z(rng) + std::sqrt(v(i)) * z(rng);
  }
}
// CPU time of the whole process (all threads): the machine may be shared, so wall time alone misleads.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
RmaOptions reml_knha() {
  RmaOptions o;
  o.method = Tau2Method::REML;
  o.test = TestType::knha;
  return o;
}

int small() {
  const std::size_t pools = 1000;
  std::vector<Eigen::VectorXd> ys(pools), vs(pools);
  for (std::size_t p = 0; p < pools; ++p) simulate(p, 20, ys[p], vs[p]);
  double checksum = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  for (std::size_t p = 0; p < pools; ++p) {
    const RmaFit f = fit_rma(ys[p], vs[p], reml_knha());
    const Prediction pr = predict(f);
    checksum += pr.pred + pr.pi_lb;
  }
  const double t = seconds_since(t0), cpu = cpu_seconds() - c0;
  std::printf("small: 1000 pools of k=20, REML + knha + PI (fit_rma + predict, one thread): %.2f ms wall, %.2f ms CPU, "
              "checksum %.6f\n", t * 1e3, cpu * 1e3, checksum);
  return 0;
}

int large(long k) {
  Eigen::VectorXd y, v;
  simulate(0, static_cast<Eigen::Index>(k), y, v);
  const auto t0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  RmaOptions o;
  const RmaFit f = fit_rma(y, v, o);
  const Prediction pr = predict(f);
  const double t = seconds_since(t0);
  std::printf("large: REML pool of k=%ld: %.3f s wall, %.3f s CPU (%d Fisher iterations), estimate %.6f, tau2 %.6f, PI [%.4f, %.4f]\n", k, t, cpu_seconds() - c0,
              f.iterations, f.beta(0), f.tau2, pr.pi_lb, pr.pi_ub);
  return 0;
}

int voxel(std::size_t pools) {
  const Eigen::Index k = 20;
  std::vector<double> ydata(pools * k), vdata(pools * k);
  tbb::parallel_for(std::size_t{0}, pools, [&](std::size_t p) {
    Eigen::VectorXd y, v;
    simulate(p, k, y, v);
    Eigen::Map<Eigen::VectorXd>(ydata.data() + p * k, k) = y;
    Eigen::Map<Eigen::VectorXd>(vdata.data() + p * k, k) = v;
  });
  const auto t0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  const std::vector<PoolSummary> out = pool_many(ydata.data(), vdata.data(), pools, k, reml_knha());
  const double cpu = cpu_seconds() - c0;
  const double t = seconds_since(t0);
  double checksum = 0;
  for (std::size_t p = 0; p < pools; ++p) checksum += out[p].estimate + out[p].pi_lb;  // fixed order
  std::printf("voxel: %zu pools of k=20, REML + knha + PI (pool_many, TBB across pools): %.3f s wall, %.3f s CPU "
              "(%.2f us CPU/pool), checksum %.6f\n", pools, t, cpu, cpu * 1e6 / static_cast<double>(pools), checksum);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "small";
  if (mode == "small") return small();
  if (mode == "large") return large(argc > 2 ? std::atol(argv[2]) : 1000000);
  if (mode == "voxel") return voxel(argc > 2 ? static_cast<std::size_t>(std::atol(argv[2])) : 100000);
  std::fprintf(stderr, "usage: bench_meta small | large K | voxel [N]\n");
  return 2;
}
