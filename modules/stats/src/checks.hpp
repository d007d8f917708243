// Input checks shared by the tests of the stats module. Private.
#pragma once
#include <cstddef>
#include <span>
#include <string>

namespace acuroi::stats::detail {

// Throws StatsError(subject, ...) when values has fewer than min_n entries or a non-finite one.
void check_sample(std::span<const double> values, const std::string& subject, std::size_t min_n);
// Throws StatsError when confidence is not in (0, 1).
void check_confidence(double confidence);
// Throws StatsError when sd == 0 ("constant; t undefined"), naming the constant value.
void check_not_constant(double sd, double value, const std::string& subject);

}  // namespace acuroi::stats::detail
