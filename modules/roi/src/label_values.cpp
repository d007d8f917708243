#include "label_values.hpp"

#include <cmath>
#include <set>

#include "resample_kernel.hpp"

namespace acuroi::roi::detail {

std::vector<std::int32_t> distinct_nonzero_labels(const core::Volume<float>& image) {
  std::set<std::int32_t> values;
  float last = 0.0f;  // labels come in runs; background (0) is the longest
  for (const float v : image.data) {
    if (v == last || !std::isfinite(v)) continue;
    last = v;
    const std::int32_t value = round_label(v);
    if (value != 0) values.insert(value);
  }
  return {values.begin(), values.end()};
}

}  // namespace acuroi::roi::detail
