#include "checks.hpp"

#include "acuroi/stats/error.hpp"
#include "format.hpp"

#include <cmath>

namespace acuroi::stats::detail {

void check_sample(std::span<const double> values, const std::string& subject, std::size_t min_n) {
  if (values.size() < min_n)
    throw StatsError(subject, "n", std::to_string(values.size()),
                     "needs at least " + std::to_string(min_n) + " values");
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      throw StatsError(subject, "value [" + std::to_string(i) + "]", format_number(values[i]),
                       "is not a finite number");
}

void check_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw StatsError("options", "confidence", format_number(confidence), "must be in (0, 1)");
}

void check_not_constant(double sd, double value, const std::string& subject) {
  if (sd == 0.0)
    throw StatsError(subject, "values", format_number(value) + " for every participant",
                     "zero variance: the t statistic is undefined");
}

}  // namespace acuroi::stats::detail
