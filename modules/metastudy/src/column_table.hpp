// An output table built row by row with declared column types, written as TSV (BIDS: n/a for NaN
// and empty text) and as an HDF5 group (one 1-D dataset per column, attribute `columns` = the
// TSV's column order). Private to the module.
//
//   ColumnTable t("pooled", {{"roi", 's'}, {"k", 'i'}, {"estimate", 'f'}});
//   t.add_row({"ACC", 3, 0.27});
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace acuroi::store {
class H5Group;
}

namespace acuroi::metastudy::detail {

class Cell {
 public:
  Cell(double v) : value_(v) {}
  Cell(int v) : value_(static_cast<std::int64_t>(v)) {}
  Cell(long v) : value_(static_cast<std::int64_t>(v)) {}
  Cell(long long v) : value_(static_cast<std::int64_t>(v)) {}
  Cell(unsigned long v) : value_(static_cast<std::int64_t>(v)) {}
  Cell(bool v) : value_(static_cast<std::int64_t>(v)) {}
  Cell(std::string v) : value_(std::move(v)) {}
  Cell(const char* v) : value_(std::string(v)) {}
  const std::variant<double, std::int64_t, std::string>& value() const { return value_; }

 private:
  std::variant<double, std::int64_t, std::string> value_;
};

class ColumnTable {
 public:
  using Column = std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>>;
  // type: 'f' float64, 'i' int64, 's' string.
  ColumnTable(std::string name, const std::vector<std::pair<std::string, char>>& columns);
  // Appends a column to every row (before any row is added).
  void add_column(const std::string& name, char type);
  // One value per column; an integer cell in a float column is converted.
  void add_row(const std::vector<Cell>& cells);
  // A row of "no value" cells (NaN, 0, "") for filling by column name with set().
  std::vector<Cell> empty_row() const;
  void set(std::vector<Cell>& row, const std::string& column, Cell value) const;

  const std::string& name() const { return name_; }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<Column>& columns() const { return columns_; }
  std::size_t rows() const { return rows_; }

  void write_tsv(const std::filesystem::path& path) const;
  void write_h5(store::H5Group& parent) const;

 private:
  std::string name_;
  std::vector<std::string> names_;
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
};

// A moderator key as a column name: characters that TSV or HDF5 cannot carry become '_'.
std::string column_name(const std::string& key);

}  // namespace acuroi::metastudy::detail
