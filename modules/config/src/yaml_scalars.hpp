// Scalar text <-> values, strictly: the whole text must be the value. And the reverse: values
// written so that any YAML reader (yaml-cpp, PyYAML) reads them back as the same value.
//
//   parse_real("0.5") -> 0.5;  parse_real("high") -> nullopt
//   format_real(8) -> "8.0";   yaml_string("ACC: pain") -> "\"ACC: pain\""
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace acuroi::config::detail {

std::optional<double> parse_real(std::string_view text);        // also .inf, -.inf, .nan
std::optional<long long> parse_integer(std::string_view text);  // decimal, optional sign
std::optional<bool> parse_bool(std::string_view text);          // true/false/yes/no/on/off

// Shortest text that reads back to the same double, always marked as a float ("8.0", "1e-10").
std::string format_real(double value);
// Shortest text, not forced to look like a float ("0", "1", "0.5"), for ranges in docs.
std::string format_number(double value);

// A string as a YAML scalar: plain when that reads back as the same string in block and flow
// context with any YAML reader, else double-quoted with escapes.
std::string yaml_string(std::string_view text);

}  // namespace acuroi::config::detail
