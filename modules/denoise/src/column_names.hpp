// Internal: old <-> canonical fMRIPrep confound names.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::denoise {

// "RotX" for "rot_x", "aCompCor03" for "a_comp_cor_03"; nullopt when there is no old spelling.
std::optional<std::string> old_confound_name(std::string_view canonical);
// The inverse; a name with no old spelling is returned unchanged.
std::string canonical_confound_name(std::string_view name);
// "a, b, c" for error messages.
std::string join_columns(const std::vector<std::string>& columns);

}  // namespace acuroi::denoise
