#include "acuroi/stats/descriptive.hpp"

#include "acuroi/stats/error.hpp"
#include "format.hpp"

#include <cmath>
#include <string>

namespace acuroi::stats {

double mean(std::span<const double> values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double sample_variance(std::span<const double> values) {
  const double m = mean(values);
  double sum_squares = 0.0;
  for (double v : values) sum_squares += (v - m) * (v - m);
  return sum_squares / static_cast<double>(values.size() - 1);
}

double sample_sd(std::span<const double> values) { return std::sqrt(sample_variance(values)); }

double pearson_r(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.size() < 2)
    throw StatsError("correlation", "n",
                     std::to_string(x.size()) + " vs " + std::to_string(y.size()),
                     "needs two samples of equal length ≥ 2");
  const double mx = mean(x), my = mean(y);
  double sxx = 0.0, syy = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx == 0.0 || syy == 0.0)
    throw StatsError("correlation", sxx == 0.0 ? "first sample" : "second sample",
                     detail::format_number(sxx == 0.0 ? mx : my),
                     "is constant; the correlation is undefined");
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace acuroi::stats
