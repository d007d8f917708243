// Typed access to the cells of a Table.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::io {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses a whole cell as a double, correctly rounded; nullopt if it is not a number.
std::optional<double> parse_double(std::string_view text) {
  text = trim_spaces(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves the value unset on overflow/underflow; strtod gives what Python's float()
    // gives (inf, 0 or a subnormal), and the text is already known to be a number.
    const std::string copy(text);
    return std::strtod(copy.c_str(), nullptr);
  }
  if (ec != std::errc()) return std::nullopt;
  return value;
}

}  // namespace

bool is_missing_value(std::string_view cell) {
  cell = trim_spaces(cell);
  return cell.empty() || equals_ignoring_case(cell, "n/a") || equals_ignoring_case(cell, "na") ||
         equals_ignoring_case(cell, "nan");
}

std::optional<std::size_t> Table::find_column(std::string_view name) const {
  for (std::size_t c = 0; c < header_.size(); ++c)
    if (header_[c] == name) return c;
  return std::nullopt;
}

std::size_t Table::column_index(std::string_view name) const {
  if (auto c = find_column(name)) return *c;
  std::string existing;
  for (const auto& h : header_) existing += (existing.empty() ? "" : ", ") + ("'" + h + "'");
  throw core::InputError(source_, "column", std::string(name),
                         "no such column; the columns are: " + existing);
}

std::string_view Table::cell(std::size_t row, std::size_t column) const {
  if (row >= row_count_ || column >= header_.size())
    throw core::Error(source_ + ": cell (" + std::to_string(row) + ", " + std::to_string(column) +
                      ") is outside the table (" + std::to_string(row_count_) + " rows, " +
                      std::to_string(header_.size()) + " columns)");
  const std::size_t k = row * header_.size() + column;
  return std::string_view(text_).substr(cell_start_[k], cell_start_[k + 1] - cell_start_[k]);
}

double Table::number(std::size_t row, std::size_t column) const {
  const std::string_view text = cell(row, column);
  if (is_missing_value(text)) return std::numeric_limits<double>::quiet_NaN();
  if (auto value = parse_double(text)) return *value;
  throw core::InputError(source_, "column '" + header_[column] + "', " + describe_row(row),
                         std::string(text),
                         "not a number (missing values are written empty, n/a, NA or nan)");
}

std::vector<double> Table::numbers(std::size_t column) const {
  std::vector<double> values(row_count_);
  for (std::size_t r = 0; r < row_count_; ++r) values[r] = number(r, column);
  return values;
}

std::vector<std::string> Table::strings(std::size_t column) const {
  std::vector<std::string> values;
  values.reserve(row_count_);
  for (std::size_t r = 0; r < row_count_; ++r) values.emplace_back(cell(r, column));
  return values;
}

std::string Table::describe_row(std::size_t row) const {
  std::string s = "data row " + std::to_string(row + 1);
  if (row < row_line_.size()) s += " (line " + std::to_string(row_line_[row]) + ")";
  return s;
}

}  // namespace acuroi::io
