// Confound selection by strategy (see confounds.hpp).
#include "acuroi/denoise/confounds.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "acuroi/core/error.hpp"
#include "column_names.hpp"

namespace acuroi::denoise {
namespace {

constexpr std::string_view kDerivative = "_derivative1";
constexpr std::string_view kPower = "_power2";
constexpr std::string_view kDerivativePower = "_derivative1_power2";

const std::vector<std::string> kMotion = {"trans_x", "trans_y", "trans_z",
                                          "rot_x",   "rot_y",   "rot_z"};
const std::vector<std::string> kTissue = {"white_matter", "csf", "global_signal"};

[[noreturn]] void throw_missing(const io::Table& table, const std::string& name) {
  const auto old = old_confound_name(name);
  throw core::InputError(table.source(), "column", name,
                         "confound column not found" +
                             (old ? " (nor its old fMRIPrep name " + *old + ")" : std::string()) +
                             "; columns present: " + join_columns(table.header()));
}

// Leading n/a -> 0; an n/a after the first number throws.
std::vector<double> fill_leading_missing(const io::Table& table, const std::string& column,
                                         std::vector<double> values) {
  bool seen_number = false;
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (!std::isnan(values[row])) {
      seen_number = true;
    } else if (!seen_number) {
      values[row] = 0.0;
    } else {
      throw core::InputError(
          table.source(), column, "n/a",
          "missing value at " + table.describe_row(row) + " (only leading rows may be n/a)");
    }
  }
  return values;
}

std::vector<double> backward_difference(const std::vector<double>& x) {
  std::vector<double> d(x.size(), 0.0);
  for (std::size_t t = 1; t < x.size(); ++t) d[t] = x[t] - x[t - 1];
  return d;
}

std::vector<double> squared(std::vector<double> x) {
  for (double& v : x) v *= v;
  return x;
}

std::vector<std::string> with_expansions(const std::vector<std::string>& bases) {
  std::vector<std::string> names;
  for (const auto& base : bases) names.push_back(base);
  for (const auto& base : bases) names.push_back(base + std::string(kDerivative));
  for (const auto& base : bases) names.push_back(base + std::string(kPower));
  for (const auto& base : bases) names.push_back(base + std::string(kDerivativePower));
  return names;
}

// a_comp_cor_XX columns in the table (canonical names), by component index.
std::vector<std::string> acompcor_columns(const io::Table& table) {
  std::vector<std::string> names;
  for (const auto& column : table.header()) {
    const std::string canonical = canonical_confound_name(column);
    if (canonical.starts_with("a_comp_cor_")) names.push_back(canonical);
  }
  std::sort(names.begin(), names.end());  // two-digit indices sort numerically
  return names;
}

std::vector<std::string> acompcor_by_variance(const io::Table& table, double variance,
                                              const io::Json* sidecar) {
  if (!(variance > 0.0 && variance <= 1.0))
    throw core::InputError(table.source(), "acompcor_variance", std::to_string(variance),
                           "must be in (0, 1]");
  if (sidecar == nullptr || !sidecar->is_object())
    throw core::InputError(table.source(), "acompcor_variance", std::to_string(variance),
                           "selecting aCompCor components by explained variance needs the "
                           "confounds JSON sidecar (CumulativeVarianceExplained)");
  const auto candidates = acompcor_columns(table);
  bool has_masks = false;
  for (const auto& name : candidates) {
    const auto it = sidecar->find(*find_confound_column(table, name));
    if (it != sidecar->end() && it->is_object() && it->contains("Mask")) has_masks = true;
  }
  std::vector<std::string> chosen;
  for (const auto& name : candidates) {
    const auto it = sidecar->find(*find_confound_column(table, name));
    if (it == sidecar->end() || !it->is_object()) continue;
    if (has_masks && it->value("Mask", std::string()) != "combined") continue;
    const auto cumulative = io::optional_number(*it, "CumulativeVarianceExplained", table.source());
    if (!cumulative) continue;
    chosen.push_back(name);
    if (*cumulative >= variance) return chosen;
  }
  throw core::InputError(table.source(), "acompcor_variance", std::to_string(variance),
                         "the sidecar's aCompCor components (mask combined when masks are given) "
                         "never reach this cumulative explained variance");
}

std::vector<std::string> custom_columns(const io::Table& table,
                                        const std::vector<std::string>& patterns) {
  if (patterns.empty())
    throw core::InputError(table.source(), "custom_columns", "",
                           "the custom strategy needs at least one column name or pattern");
  std::vector<std::string> names;
  for (const auto& pattern : patterns) {
    const bool is_glob = pattern.find_first_of("*?") != std::string::npos;
    if (!is_glob) {
      names.push_back(pattern);  // resolved (old names, expansions) or reported later
      continue;
    }
    std::size_t matches = 0;
    for (const auto& column : table.header()) {
      if (glob_match(pattern, column) || glob_match(pattern, canonical_confound_name(column))) {
        names.push_back(canonical_confound_name(column));
        ++matches;
      }
    }
    if (matches == 0)
      throw core::InputError(table.source(), "column", pattern,
                             "no confound column matches this pattern; columns present: " +
                                 join_columns(table.header()));
  }
  std::vector<std::string> unique;
  for (const auto& name : names)
    if (std::find(unique.begin(), unique.end(), name) == unique.end()) unique.push_back(name);
  return unique;
}

std::vector<std::string> strategy_columns(const io::Table& table,
                                          const ConfoundSelection& selection,
                                          const io::Json* sidecar) {
  switch (selection.strategy) {
    case ConfoundStrategy::p6:
      return kMotion;
    case ConfoundStrategy::p24:
      return with_expansions(kMotion);
    case ConfoundStrategy::p36: {
      auto names = with_expansions(kMotion);
      for (const auto& name : with_expansions(kTissue)) names.push_back(name);
      return names;
    }
    case ConfoundStrategy::acompcor: {
      if (selection.acompcor_variance)
        return acompcor_by_variance(table, *selection.acompcor_variance, sidecar);
      if (selection.acompcor_components < 1)
        throw core::InputError(table.source(), "acompcor_components",
                               std::to_string(selection.acompcor_components), "must be >= 1");
      auto names = acompcor_columns(table);
      if (names.size() < static_cast<std::size_t>(selection.acompcor_components)) {
        char wanted[32];
        std::snprintf(wanted, sizeof wanted, "a_comp_cor_%02zu", names.size());
        throw_missing(table, wanted);
      }
      names.resize(static_cast<std::size_t>(selection.acompcor_components));
      return names;
    }
    case ConfoundStrategy::custom:
      return custom_columns(table, selection.custom_columns);
  }
  return {};
}

}  // namespace

ConfoundStrategy parse_confound_strategy(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "6p") return ConfoundStrategy::p6;
  if (lower == "24p") return ConfoundStrategy::p24;
  if (lower == "36p") return ConfoundStrategy::p36;
  if (lower == "acompcor") return ConfoundStrategy::acompcor;
  if (lower == "custom") return ConfoundStrategy::custom;
  throw core::InputError("", "confound strategy", std::string(name),
                         "must be one of 6P, 24P, 36P, acompcor, custom");
}

std::string to_string(ConfoundStrategy strategy) {
  switch (strategy) {
    case ConfoundStrategy::p6:
      return "6P";
    case ConfoundStrategy::p24:
      return "24P";
    case ConfoundStrategy::p36:
      return "36P";
    case ConfoundStrategy::acompcor:
      return "acompcor";
    case ConfoundStrategy::custom:
      return "custom";
  }
  return "unknown";
}

std::optional<std::string> find_confound_column(const io::Table& table, const std::string& name) {
  if (table.has_column(name)) return name;
  const auto old = old_confound_name(name);
  if (old && table.has_column(*old)) return *old;
  return std::nullopt;
}

std::vector<double> confound_column(const io::Table& table, const std::string& name) {
  if (const auto column = find_confound_column(table, name))
    return fill_leading_missing(table, *column, table.numbers(*column));
  // An expansion the file does not have: computed from its base column.
  for (const std::string_view suffix : {kDerivativePower, kPower, kDerivative}) {
    if (!name.ends_with(suffix) || name.size() == suffix.size()) continue;
    const std::string base = name.substr(0, name.size() - suffix.size());
    if (!find_confound_column(table, base)) throw_missing(table, name);
    const auto values = confound_column(table, base);
    if (suffix == kDerivative) return backward_difference(values);
    if (suffix == kPower) return squared(values);
    return squared(backward_difference(values));
  }
  throw_missing(table, name);
}

ConfoundMatrix select_confounds(const io::Table& table, const ConfoundSelection& selection,
                                const io::Json* sidecar) {
  ConfoundMatrix matrix;
  matrix.source = table.source();
  matrix.names = strategy_columns(table, selection, sidecar);
  const auto rows = static_cast<Eigen::Index>(table.row_count());
  matrix.values.resize(rows, static_cast<Eigen::Index>(matrix.names.size()));
  for (std::size_t k = 0; k < matrix.names.size(); ++k) {
    const auto column = confound_column(table, matrix.names[k]);
    for (Eigen::Index t = 0; t < rows; ++t)
      matrix.values(t, static_cast<Eigen::Index>(k)) = column[static_cast<std::size_t>(t)];
  }
  return matrix;
}

}  // namespace acuroi::denoise
