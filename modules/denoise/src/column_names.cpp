// Canonical (fMRIPrep >= 1.4) confound names, their old spellings, and glob matching.
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "acuroi/denoise/confounds.hpp"
#include "column_names.hpp"

namespace acuroi::denoise {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kOldNames = {{
    {"trans_x", "X"},
    {"trans_y", "Y"},
    {"trans_z", "Z"},
    {"rot_x", "RotX"},
    {"rot_y", "RotY"},
    {"rot_z", "RotZ"},
    {"white_matter", "WhiteMatter"},
    {"csf", "CSF"},
    {"global_signal", "GlobalSignal"},
    {"framewise_displacement", "FramewiseDisplacement"},
    {"std_dvars", "stdDVARS"},
    {"dvars", "non-stdDVARS"},
}};

// Numbered families: canonical prefix (followed by two digits) and old prefix.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kOldFamilies = {{
    {"a_comp_cor_", "aCompCor"},
    {"t_comp_cor_", "tCompCor"},
    {"non_steady_state_outlier_", "NonSteadyStateOutlier"},
    {"motion_outlier_", "MotionOutlier"},
}};

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::optional<std::string> old_confound_name(std::string_view canonical) {
  for (const auto& [name, old] : kOldNames)
    if (canonical == name) return std::string(old);
  for (const auto& [prefix, old] : kOldFamilies) {
    if (canonical.starts_with(prefix) && all_digits(canonical.substr(prefix.size())))
      return std::string(old) + std::string(canonical.substr(prefix.size()));
  }
  return std::nullopt;
}

std::string canonical_confound_name(std::string_view name) {
  for (const auto& [canonical, old] : kOldNames)
    if (name == old) return std::string(canonical);
  for (const auto& [prefix, old] : kOldFamilies) {
    if (name.starts_with(old) && all_digits(name.substr(old.size())))
      return std::string(prefix) + std::string(name.substr(old.size()));
  }
  return std::string(name);
}

std::string join_columns(const std::vector<std::string>& columns) {
  std::string joined;
  for (const auto& column : columns) joined += (joined.empty() ? "" : ", ") + column;
  return joined;
}

bool glob_match(std::string_view pattern, std::string_view name) {
  // Iterative matcher with backtracking to the last `*` (linear in practice).
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace acuroi::denoise
