#include "acuroi/measures/fixed_effects.hpp"

#include <cmath>
#include <limits>

namespace acuroi::measures {

FixedEffect combine_fixed_effects(const std::vector<RunEstimate>& runs) {
  double weight_sum = 0.0, weighted = 0.0;
  FixedEffect out;
  for (const auto& r : runs) {
    if (!std::isfinite(r.estimate) || !std::isfinite(r.standard_error) || r.standard_error <= 0)
      continue;
    const double w = 1.0 / (r.standard_error * r.standard_error);
    weight_sum += w;
    weighted += w * r.estimate;
    ++out.runs_used;
  }
  if (out.runs_used == 0) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan, 0};
  }
  out.estimate = weighted / weight_sum;
  out.standard_error = 1.0 / std::sqrt(weight_sum);
  out.t = out.estimate / out.standard_error;
  return out;
}

}  // namespace acuroi::measures
