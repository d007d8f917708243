// Internal: Kendall's rank correlation test as R's cor.test(method = "kendall").
#pragma once
#include <vector>

namespace acuroi::meta::detail {

struct KendallResult {
  double tau = 0, p_exact = 1, p_normal = 1;
  bool has_ties = false;
};
KendallResult kendall_test(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace acuroi::meta::detail
