// Internal: finite min/max of value lists, padded, for plot scales.
#pragma once
#include <algorithm>
#include <cstdio>
#include <string>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace acuroi::report::detail {

class Range {
 public:
  void add(double v) {
    if (!std::isfinite(v)) return;
    lo_ = std::min(lo_, v);
    hi_ = std::max(hi_, v);
  }
  bool empty() const { return lo_ > hi_; }
  // Padded by `fraction` of the span each side; a degenerate range becomes [v-1, v+1].
  std::pair<double, double> padded(double fraction = 0.05) const {
    if (empty()) return {0.0, 1.0};
    if (hi_ == lo_) return {lo_ - 1, hi_ + 1};
    const double pad = (hi_ - lo_) * fraction;
    return {lo_ - pad, hi_ + pad};
  }

 private:
  double lo_ = std::numeric_limits<double>::infinity();
  double hi_ = -std::numeric_limits<double>::infinity();
};

inline std::string point(double x, double y) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.2f,%.2f ", x, y);
  return buffer;
}

}  // namespace acuroi::report::detail
