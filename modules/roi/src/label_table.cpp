#include "acuroi/roi/label_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::roi {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Next whitespace-separated token of `s` (advancing it); empty at the end.
std::string_view next_token(std::string_view& s) {
  s = trim(s);
  std::size_t end = 0;
  while (end < s.size() && !is_space(s[end])) ++end;
  std::string_view token = s.substr(0, end);
  s.remove_prefix(end);
  return token;
}

std::optional<std::int32_t> parse_label_value(std::string_view text) {
  text = trim(text);
  std::int32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) return value;
  // Tables written by pandas may hold "17.0": accept integral floating-point text.
  double real = 0;
  auto [end2, ec2] = std::from_chars(text.data(), text.data() + text.size(), real);
  if (ec2 == std::errc() && end2 == text.data() + text.size() && !text.empty() &&
      std::isfinite(real) && real == std::floor(real) && std::abs(real) < 2147483647.0) {
    return static_cast<std::int32_t>(real);
  }
  return std::nullopt;
}

void check_unique_values(const std::vector<LabelEntry>& entries, const std::vector<int>& lines,
                         const std::string& source) {
  std::unordered_set<std::int32_t> seen;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    if (!seen.insert(entries[e].value).second) {
      throw core::InputError(source, "index (line " + std::to_string(lines[e]) + ")",
                             std::to_string(entries[e].value),
                             "label value listed twice in the label table");
    }
  }
}

LabelTable read_bids_dseg(const std::filesystem::path& path) {
  const io::Table table = io::read_table(path, io::TableFormat::tsv());
  const std::size_t index_column = table.column_index("index");
  const std::size_t name_column = table.column_index("name");
  std::vector<LabelEntry> entries;
  std::vector<int> lines;
  for (std::size_t row = 0; row < table.row_count(); ++row) {
    const std::string_view text = table.cell(row, index_column);
    const auto value = parse_label_value(text);
    if (!value) {
      throw core::InputError(path.string(), "index (" + table.describe_row(row) + ")",
                             std::string(text), "label index is not an integer");
    }
    entries.push_back({*value, std::string(trim(table.cell(row, name_column)))});
    lines.push_back(static_cast<int>(row) + 2);
  }
  check_unique_values(entries, lines, path.string());
  return LabelTable(path.string(), std::move(entries));
}

}  // namespace

LabelTable::LabelTable(std::string source, std::vector<LabelEntry> entries)
    : source_(std::move(source)), entries_(std::move(entries)) {}

std::optional<std::int32_t> LabelTable::value_of(std::string_view name) const {
  for (const auto& e : entries_) {
    if (e.name == name) return e.value;
  }
  return std::nullopt;
}

bool LabelTable::lists(std::int32_t value) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [value](const LabelEntry& e) { return e.value == value; });
}

std::string LabelTable::name_of(std::int32_t value) const {
  for (const auto& e : entries_) {
    if (e.value == value) return e.name;
  }
  return std::to_string(value);
}

LabelTable parse_mricron_label_text(std::string_view text, const std::string& source) {
  std::vector<LabelEntry> entries;
  std::vector<int> lines;
  int line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const std::string_view value_text = next_token(line);
    const std::string_view name = next_token(line);
    const auto value = parse_label_value(value_text);
    if (!value) {
      throw core::InputError(source, "line " + std::to_string(line_number), std::string(value_text),
                             "label index is not an integer (expected '<index> <name> [...]')");
    }
    if (name.empty()) {
      throw core::InputError(source, "line " + std::to_string(line_number), std::string(value_text),
                             "label has no name (expected '<index> <name> [...]')");
    }
    entries.push_back({*value, std::string(name)});
    lines.push_back(line_number);
  }
  check_unique_values(entries, lines, source);
  return LabelTable(source, std::move(entries));
}

LabelTable read_label_table(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".tsv") return read_bids_dseg(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::InputError(path.string(), "", "", "cannot open the label table");
  std::ostringstream text;
  text << in.rdbuf();
  LabelTable table = parse_mricron_label_text(text.str(), path.string());
  if (table.empty()) throw core::InputError(path.string(), "", "", "label table lists no labels");
  return table;
}

}  // namespace acuroi::roi
