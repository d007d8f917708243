#include "yaml_scalars.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace acuroi::config::detail {

namespace {
std::string lower(std::string_view text) {
  std::string s(text);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "+5" reads as 5; "+-5" and "++5" are not numbers.
std::string_view without_plus(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) return {};
  }
  return text;
}

bool is_plain_safe_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' ||
         c == '-' || c == '+';
}
}  // namespace

std::optional<double> parse_real(std::string_view text) {
  const std::string l = lower(text);
  if (l == ".inf" || l == "+.inf") return std::numeric_limits<double>::infinity();
  if (l == "-.inf") return -std::numeric_limits<double>::infinity();
  if (l == ".nan") return std::numeric_limits<double>::quiet_NaN();
  const std::string_view t = without_plus(text);
  if (t.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  // from_chars also reads "inf"/"nan"; YAML spells those .inf/.nan, so refuse the bare words.
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<long long> parse_integer(std::string_view text) {
  const std::string_view t = without_plus(text);
  if (t.empty()) return std::nullopt;
  long long value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string l = lower(text);
  if (l == "true" || l == "yes" || l == "on") return true;
  if (l == "false" || l == "no" || l == "off") return false;
  return std::nullopt;
}

std::string format_number(double value) {
  if (std::isnan(value)) return ".nan";
  if (std::isinf(value)) return value > 0 ? ".inf" : "-.inf";
  std::array<char, 64> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), end);
}

std::string format_real(double value) {
  std::string text = format_number(value);
  if (std::isfinite(value) && text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string yaml_string(std::string_view text) {
  static const std::array<std::string_view, 11> reserved = {
      "true", "false", "yes", "no", "on", "off", "y", "n", "null", ".inf", ".nan"};
  bool plain = !text.empty() && std::all_of(text.begin(), text.end(), is_plain_safe_char);
  if (plain) {
    const char first = text.front();
    // Leading digits or signs may read as numbers or dates; ".5" reads as a number.
    if (std::isdigit(static_cast<unsigned char>(first)) || first == '-' || first == '+')
      plain = false;
    if (first == '.' && text.size() > 1 && std::isdigit(static_cast<unsigned char>(text[1])))
      plain = false;
    if (std::find(reserved.begin(), reserved.end(), lower(text)) != reserved.end()) plain = false;
  }
  if (plain) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\t':
        quoted += "\\t";
        break;
      case '\r':
        quoted += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned>(c));
          quoted += hex;
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

}  // namespace acuroi::config::detail
