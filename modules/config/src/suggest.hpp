// "Did you mean ...?" for unknown keys: the nearest valid sibling key by Damerau-Levenshtein
// distance (optimal string alignment, case-insensitive), or the same key in another section.
//
//   unknown_key_problem("min_coverag", {"atlas", "min_coverage"}, {"rois.min_coverage"})
//     -> "unknown key, did you mean 'min_coverage'?"
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::config::detail {

// Edits (insert, delete, substitute, swap two adjacent characters) turning `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The problem text for an unknown key `name`: suggests the nearest of `siblings` when it is close
// (distance <= max(2, |name| / 3) and less than |name|), else a key of `elsewhere` (full dotted
// keys) whose last component is `name`, else lists the siblings.
std::string unknown_key_problem(const std::string& name, const std::vector<std::string>& siblings,
                                const std::vector<std::string>& elsewhere);

}  // namespace acuroi::config::detail
