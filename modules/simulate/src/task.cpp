#include "acuroi/simulate/task.hpp"

#include <algorithm>
#include <cmath>

namespace acuroi::simulate {

namespace {

// Durations are handled in whole tenths of a second so that onsets are exact decimals.
long long tenths(double seconds) { return std::llround(seconds * 10.0); }

// Gamma density with shape `shape` and unit scale.
double gamma_density(double t, double shape) {
  if (t <= 0.0) return 0.0;
  return std::exp((shape - 1.0) * std::log(t) - t) / std::tgamma(shape);
}

}  // namespace

std::vector<TaskBlock> plan_task_blocks(SeededRandom& rng, const BlockDesignSettings& design,
                                        int volumes, double repetition_time_s) {
  const double run_s = volumes * repetition_time_s;
  const long long block_tenths = tenths(design.block_duration_s);
  int condition = rng.uniform() < 0.5 ? 0 : 1;
  std::vector<TaskBlock> blocks;
  long long end_tenths = 0;  // end of the previous block
  for (;;) {
    const long long onset_tenths =
        end_tenths + tenths(rng.uniform(design.rest_min_s, design.rest_max_s));
    if ((onset_tenths + block_tenths) / 10.0 > run_s) break;
    blocks.push_back({onset_tenths / 10.0, block_tenths / 10.0, condition});
    end_tenths = onset_tenths + block_tenths;
    condition = 1 - condition;
  }
  return blocks;
}

std::vector<double> canonical_hrf(double dt_s) {
  const int last = static_cast<int>(std::ceil(32.0 / dt_s));
  std::vector<double> hrf(last + 1);
  double sum = 0.0;
  for (int k = 0; k <= last; ++k) {
    const double t = k * dt_s;
    hrf[k] = gamma_density(t, 6.0) - gamma_density(t, 16.0) / 6.0;
    sum += hrf[k];
  }
  for (double& h : hrf) h /= sum;
  return hrf;
}

std::vector<double> condition_response(const std::vector<TaskBlock>& blocks, int condition,
                                       int volumes, double repetition_time_s) {
  const double dt = repetition_time_s / microtime_bins;
  const std::size_t fine_points = static_cast<std::size_t>(volumes - 1) * microtime_bins + 1;
  std::vector<double> boxcar(fine_points, 0.0);
  for (const TaskBlock& b : blocks) {
    if (b.condition != condition) continue;
    for (std::size_t j = 0; j < fine_points; ++j) {
      const double tau = static_cast<double>(j) * dt;
      if (b.onset_s <= tau && tau < b.onset_s + b.duration_s) boxcar[j] = 1.0;
    }
  }
  const std::vector<double> hrf = canonical_hrf(dt);
  std::vector<double> response(volumes, 0.0);
  for (int i = 0; i < volumes; ++i) {
    const std::size_t j = static_cast<std::size_t>(i) * microtime_bins;
    const std::size_t taps = std::min(j + 1, hrf.size());
    double sum = 0.0;
    for (std::size_t k = 0; k < taps; ++k) sum += hrf[k] * boxcar[j - k];
    response[i] = sum;
  }
  return response;
}

}  // namespace acuroi::simulate
