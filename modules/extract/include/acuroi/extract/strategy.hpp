// Per-ROI reduction strategies, named as nilearn names them (NiftiLabelsMasker `strategy`).
//
// Each reduces the finite values of one ROI in one volume (NaN/Inf voxels are excluded, never
// counted as zeros) to a double: mean; median (average of the two middle values when the count
// is even, as numpy); std and var with ddof = 0 (population, as numpy and scipy.ndimage);
// sum; min; max. Every strategy gives NaN for an empty set of values.
//
//   ReductionStrategy s = parse_reduction_strategy("median");
//   std::vector<float> v{3, 1, 2};
//   double m = reduce_values(s, v);   // 2 (v is reordered)
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace acuroi::extract {

enum class ReductionStrategy { mean, median, standard_deviation, variance, sum, minimum, maximum };

// Accepts mean, median, std, var, sum, min, max. Otherwise throws core::ConfigError:
// "strategy = 'avg': 'strategy' must be one of {mean, median, std, var, sum, min, max}".
ReductionStrategy parse_reduction_strategy(std::string_view text);
std::string strategy_name(ReductionStrategy strategy);  // "mean", ..., "std", "var", "min", "max"

// Reduces `finite_values` (all finite; reordered by median). NaN when empty.
double reduce_values(ReductionStrategy strategy, std::span<float> finite_values);

}  // namespace acuroi::extract
