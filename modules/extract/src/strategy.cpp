#include "acuroi/extract/strategy.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

#include "acuroi/core/error.hpp"

namespace acuroi::extract {

namespace {

constexpr std::array<std::pair<std::string_view, ReductionStrategy>, 7> kNames{{
    {"mean", ReductionStrategy::mean},
    {"median", ReductionStrategy::median},
    {"std", ReductionStrategy::standard_deviation},
    {"var", ReductionStrategy::variance},
    {"sum", ReductionStrategy::sum},
    {"min", ReductionStrategy::minimum},
    {"max", ReductionStrategy::maximum},
}};

double sum_of(std::span<const float> values) {
  double sum = 0.0;
  for (float v : values) sum += v;
  return sum;
}

double variance_of(std::span<const float> values) {
  const double mean = sum_of(values) / static_cast<double>(values.size());
  double squares = 0.0;
  for (float v : values) {
    const double d = v - mean;
    squares += d * d;
  }
  return squares / static_cast<double>(values.size());
}

double median_of(std::span<float> values) {
  const std::size_t n = values.size();
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(values.begin(), middle, values.end());
  const double upper = *middle;
  if (n % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), middle);  // largest of the lower half
  return 0.5 * (lower + upper);
}

}  // namespace

ReductionStrategy parse_reduction_strategy(std::string_view text) {
  for (const auto& [name, strategy] : kNames) {
    if (name == text) return strategy;
  }
  throw core::ConfigError("strategy = '" + std::string(text) +
                          "': 'strategy' must be one of {mean, median, std, var, sum, min, max}");
}

std::string strategy_name(ReductionStrategy strategy) {
  for (const auto& [name, s] : kNames) {
    if (s == strategy) return std::string(name);
  }
  return "?";
}

double reduce_values(ReductionStrategy strategy, std::span<float> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  switch (strategy) {
    case ReductionStrategy::mean:
      return sum_of(values) / static_cast<double>(values.size());
    case ReductionStrategy::median:
      return median_of(values);
    case ReductionStrategy::standard_deviation:
      return std::sqrt(variance_of(values));
    case ReductionStrategy::variance:
      return variance_of(values);
    case ReductionStrategy::sum:
      return sum_of(values);
    case ReductionStrategy::minimum:
      return *std::min_element(values.begin(), values.end());
    case ReductionStrategy::maximum:
      return *std::max_element(values.begin(), values.end());
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace acuroi::extract
