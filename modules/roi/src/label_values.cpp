#include "label_values.hpp"

#include <cmath>
#include <set>

#include "resample_kernel.hpp"

namespace acuroi::roi::detail {

std::vector<std::int32_t> distinct_nonzero_labels(const core::Volume<float>& image) {
  // Atlas labels are almost always small positive integers: a flag per value is far cheaper
  // than a tree insert per label run; other values go to the (rarely used) set.
  constexpr std::int32_t kSmall = 65536;
  std::vector<std::uint8_t> seen_small(kSmall, 0);
  std::set<std::int32_t> others;
  float last = 0.0f;  // labels come in runs; background (0) is the longest
  for (const float v : image.data) {
    if (v == last || !std::isfinite(v)) continue;
    last = v;
    const std::int32_t value = round_label(v);
    if (value > 0 && value < kSmall) {
      seen_small[static_cast<std::size_t>(value)] = 1;
    } else if (value != 0) {
      others.insert(value);
    }
  }
  std::vector<std::int32_t> values;
  for (auto it = others.begin(); it != others.end() && *it < 0; ++it) values.push_back(*it);
  for (std::int32_t value = 1; value < kSmall; ++value)
    if (seen_small[static_cast<std::size_t>(value)]) values.push_back(value);
  for (auto it = others.lower_bound(kSmall); it != others.end(); ++it) values.push_back(*it);
  return values;
}

}  // namespace acuroi::roi::detail
