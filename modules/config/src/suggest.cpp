#include "suggest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace acuroi::config::detail {

namespace {
std::string lower(std::string_view text) {
  std::string s(text);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string last_component(const std::string& key) {
  const auto dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

std::string join_quoted(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "'" : ", '") + n + "'";
  return text;
}
}  // namespace

std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
  const std::string a = lower(a_in), b = lower(b_in);
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string unknown_key_problem(const std::string& name, const std::vector<std::string>& siblings,
                                const std::vector<std::string>& elsewhere) {
  std::size_t best = std::numeric_limits<std::size_t>::max();
  const std::string* nearest = nullptr;
  for (const auto& s : siblings) {
    const std::size_t d = edit_distance(name, s);
    if (d < best) best = d, nearest = &s;
  }
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  if (nearest && best <= limit && best < name.size())
    return "unknown key, did you mean '" + *nearest + "'?";
  for (const auto& full : elsewhere)
    if (lower(last_component(full)) == lower(name))
      return "unknown key, did you mean '" + full + "'?";
  if (siblings.empty()) return "unknown key, no keys are allowed here";
  return "unknown key; valid keys here: " + join_quoted(siblings);
}

}  // namespace acuroi::config::detail
