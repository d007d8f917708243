// Writing TSV files: shortest round-trip numbers, n/a for NaN, atomic replacement of the target.
#include <charconv>
#include <cmath>
#include <system_error>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::io {

namespace {

template <class Float>
std::string format_floating(Float value) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest form
  if (ec != std::errc()) throw core::Error("cannot format a floating-point number");
  return std::string(buffer, end);
}

void append_cell(std::string& out, const std::string& text, const std::filesystem::path& path,
                 const std::string& column, std::size_t data_row) {
  if (text.find_first_of("\t\n\r") != std::string::npos)
    throw core::InputError(
        path.string(),
        "column '" + column + "', " +
            (data_row == 0 ? std::string("header") : "data row " + std::to_string(data_row)),
        text, "a TSV cell cannot contain a tab or a line break");
  out += text;
}

void check_row_length(std::size_t cells, std::size_t columns, std::size_t data_row,
                      const std::filesystem::path& path) {
  if (cells != columns)
    throw core::Error(path.string() + ": data row " + std::to_string(data_row) + " has " +
                      std::to_string(cells) + " cells but the header has " +
                      std::to_string(columns) + " columns");
}

std::string header_line(const std::filesystem::path& path, const std::vector<std::string>& header) {
  std::string out;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (c > 0) out += '\t';
    append_cell(out, header[c], path, header[c], 0);
  }
  out += '\n';
  return out;
}

}  // namespace

std::string format_number(double value) { return format_floating(value); }
std::string format_number(float value) { return format_floating(value); }

void write_tsv(const std::filesystem::path& path, const std::vector<std::string>& header,
               const std::vector<std::vector<TableCell>>& rows) {
  std::string out = header_line(path, header);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    check_row_length(rows[r].size(), header.size(), r + 1, path);
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (c > 0) out += '\t';
      append_cell(out, rows[r][c].text(), path, header[c], r + 1);
    }
    out += '\n';
  }
  core::write_text_atomically(path, out);
}

void write_numeric_tsv(const std::filesystem::path& path, const std::vector<std::string>& header,
                       const std::vector<std::vector<double>>& rows) {
  std::string out = header_line(path, header);
  out.reserve(out.size() + rows.size() * header.size() * 20);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    check_row_length(rows[r].size(), header.size(), r + 1, path);
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (c > 0) out += '\t';
      out += format_floating(rows[r][c]);
    }
    out += '\n';
  }
  core::write_text_atomically(path, out);
}

}  // namespace acuroi::io
