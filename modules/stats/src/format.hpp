// Number and list formatting for error messages (shortest round-trip text). Private.
#pragma once
#include <string>
#include <vector>

namespace acuroi::stats::detail {

std::string format_number(double value);
// "sub-01, sub-07" (at most `limit` names, then ", … (N in all)").
std::string format_list(const std::vector<std::string>& names, std::size_t limit = 10);

}  // namespace acuroi::stats::detail
