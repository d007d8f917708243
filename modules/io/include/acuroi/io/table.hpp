// Delimited text tables: TSV (BIDS: tab-separated, no quoting) and CSV (RFC 4180 quoting).
//
// Conventions
// - The first row is the header (required). Cells are kept as text; typed access on demand.
// - Rows are 0-based in the API. Error messages count as a person does: "data row 1" is the first
//   row after the header, and the file line where that row starts is given too.
// - Missing numbers: an empty cell, `n/a`, `N/A`, `NA` and `nan` (any case) read as NaN, as in
//   BIDS and pandas. `inf`/`-inf` read as infinities. Surrounding spaces are ignored in numbers.
//   Parsing is correctly rounded (std::from_chars), so values equal Python's float() bit for bit.
// - A UTF-8 byte-order mark and CRLF line ends are accepted; a completely empty line is skipped.
// - Writing: TSV only, atomically, numbers in the shortest form that reads back to the same double,
//   NaN written as `n/a` (BIDS), infinities as `inf`/`-inf`.
//
//   Table confounds = read_table("sub-01_task-rest_desc-confounds_timeseries.tsv");
//   std::vector<double> fd = confounds.numbers("framewise_displacement");  // NaN in row 0
//   write_tsv("out.tsv", {"roi", "mean"}, {{"ACC", 1.5}, {"insula", std::nan("")}});
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::io {

struct TableFormat {
  char delimiter = '\t';
  bool quoted_fields = false;  // RFC 4180: "a, ""b""" is one cell; quoted cells may hold newlines

  static TableFormat tsv() { return {'\t', false}; }
  static TableFormat csv() { return {',', true}; }
  // .tsv -> tsv(), .csv -> csv() (case-insensitive); any other extension throws core::InputError.
  static TableFormat from_extension(const std::filesystem::path& path);
};

class Table {
 public:
  Table() = default;

  // The file (or name) the table was read from; used in every error message.
  const std::string& source() const { return source_; }
  const std::vector<std::string>& header() const { return header_; }
  std::size_t row_count() const { return row_count_; }
  std::size_t column_count() const { return header_.size(); }

  std::optional<std::size_t> find_column(std::string_view name) const;
  bool has_column(std::string_view name) const { return find_column(name).has_value(); }
  // Throws core::InputError naming the file and the column, and listing the columns that exist.
  std::size_t column_index(std::string_view name) const;

  // The text of a cell (quotes removed). The view lives as long as the table.
  std::string_view cell(std::size_t row, std::size_t column) const;
  std::string_view cell(std::size_t row, std::string_view column) const {
    return cell(row, column_index(column));
  }

  // The cell as a number (NaN for missing, see above). A cell that is not a number throws
  // core::InputError naming the file, the column, the data row (and file line) and the value.
  double number(std::size_t row, std::size_t column) const;
  double number(std::size_t row, std::string_view column) const {
    return number(row, column_index(column));
  }
  std::vector<double> numbers(std::size_t column) const;
  std::vector<double> numbers(std::string_view column) const {
    return numbers(column_index(column));
  }
  std::vector<std::string> strings(std::size_t column) const;
  std::vector<std::string> strings(std::string_view column) const {
    return strings(column_index(column));
  }

  // "data row 3 (line 4)" for messages about row `row` (0-based).
  std::string describe_row(std::size_t row) const;

 private:
  friend Table parse_table(std::string_view, TableFormat, std::string);
  std::string source_;
  std::vector<std::string> header_;
  std::size_t row_count_ = 0;
  std::string text_;                     // all data cells, unquoted, back to back
  std::vector<std::size_t> cell_start_;  // row_count * columns + 1 offsets into text_
  std::vector<std::size_t> row_line_;    // 1-based file line where each data row starts
};

// Reads a table, the format chosen by the file's extension (.tsv or .csv) or given explicitly.
// Throws core::InputError for an unreadable or empty file, a missing header, a duplicated column
// name, a row with a different number of cells than the header (naming the row), or an
// unterminated quote.
Table read_table(const std::filesystem::path& path);
Table read_table(const std::filesystem::path& path, TableFormat format);
// The same from text in memory; `source` names it in error messages.
Table parse_table(std::string_view text, TableFormat format, std::string source);

// True for the cells read as a missing number: empty, n/a, N/A, NA, nan (any case).
bool is_missing_value(std::string_view cell);
// Shortest text that reads back to the same double (float); NaN -> "n/a", +-inf -> "inf"/"-inf".
std::string format_number(double value);
std::string format_number(float value);

// One cell to write: text as is, a floating-point number via format_number, an integer exactly.
class TableCell {
 public:
  TableCell(std::string text) : text_(std::move(text)) {}
  TableCell(std::string_view text) : text_(text) {}
  TableCell(const char* text) : text_(text) {}
  TableCell(double value) : text_(format_number(value)) {}
  TableCell(float value) : text_(format_number(value)) {}
  TableCell(int value) : text_(std::to_string(value)) {}
  TableCell(long value) : text_(std::to_string(value)) {}
  TableCell(long long value) : text_(std::to_string(value)) {}
  TableCell(unsigned value) : text_(std::to_string(value)) {}
  TableCell(unsigned long value) : text_(std::to_string(value)) {}
  TableCell(unsigned long long value) : text_(std::to_string(value)) {}
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// Writes a TSV file atomically (core::AtomicFile): header line, then one line per row, "\n" ends.
// Every row must have header.size() cells (else core::Error); a cell containing a tab or a line
// break cannot be written as TSV and throws core::InputError naming the file, column and row.
void write_tsv(const std::filesystem::path& path, const std::vector<std::string>& header,
               const std::vector<std::vector<TableCell>>& rows);
// All-numeric table, e.g. a time series [T x R] with one column per ROI (rows[t][r]).
void write_numeric_tsv(const std::filesystem::path& path, const std::vector<std::string>& header,
                       const std::vector<std::vector<double>>& rows);

}  // namespace acuroi::io
