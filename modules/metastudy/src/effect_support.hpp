// Private helpers shared by the effect-row readers.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "acuroi/metastudy/effect_rows.hpp"

namespace acuroi::metastudy::detail {

// "" when yi is finite and vi finite and > 0, else the reason the effect cannot be pooled.
std::string effect_problem(double yi, double vi);

// Path, size and SHA-256 of an input file (provenance).
InputFile describe_file(const std::filesystem::path& path);

// The whole text as a number (surrounding spaces allowed), or nothing.
std::optional<double> parse_number(std::string_view text);

}  // namespace acuroi::metastudy::detail
