#include "column_table.hpp"

#include <cmath>

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"
#include "acuroi/store/h5_file.hpp"

namespace acuroi::metastudy::detail {

ColumnTable::ColumnTable(std::string name, const std::vector<std::pair<std::string, char>>& columns)
    : name_(std::move(name)) {
  for (const auto& [column, type] : columns) add_column(column, type);
}

void ColumnTable::add_column(const std::string& name, char type) {
  if (rows_ != 0) throw core::Error("table " + name_ + ": column " + name + " added after rows");
  names_.push_back(name);
  if (type == 'f') columns_.emplace_back(std::vector<double>{});
  else if (type == 'i') columns_.emplace_back(std::vector<std::int64_t>{});
  else columns_.emplace_back(std::vector<std::string>{});
}

void ColumnTable::add_row(const std::vector<Cell>& cells) {
  if (cells.size() != names_.size())
    throw core::Error("table " + name_ + ": a row of " + std::to_string(cells.size()) + " cells for " +
                      std::to_string(names_.size()) + " columns");
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto& v = cells[c].value();
    std::visit(
        [&](auto& column) {
          using T = typename std::decay_t<decltype(column)>::value_type;
          if constexpr (std::is_same_v<T, double>) {
            if (const auto* i = std::get_if<std::int64_t>(&v)) column.push_back(static_cast<double>(*i));
            else if (const auto* d = std::get_if<double>(&v)) column.push_back(*d);
            else throw core::Error("table " + name_ + ": text in number column " + names_[c]);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            if (const auto* i = std::get_if<std::int64_t>(&v)) column.push_back(*i);
            else throw core::Error("table " + name_ + ": not an integer in column " + names_[c]);
          } else {
            if (const auto* s = std::get_if<std::string>(&v)) column.push_back(*s);
            else throw core::Error("table " + name_ + ": not text in column " + names_[c]);
          }
        },
        columns_[c]);
  }
  ++rows_;
}

std::vector<Cell> ColumnTable::empty_row() const {
  std::vector<Cell> row;
  for (const Column& column : columns_) {
    if (std::holds_alternative<std::vector<double>>(column)) row.emplace_back(std::nan(""));
    else if (std::holds_alternative<std::vector<std::int64_t>>(column)) row.emplace_back(0);
    else row.emplace_back("");
  }
  return row;
}

void ColumnTable::set(std::vector<Cell>& row, const std::string& column, Cell value) const {
  for (std::size_t c = 0; c < names_.size(); ++c)
    if (names_[c] == column) {
      row.at(c) = std::move(value);
      return;
    }
  throw core::Error("table " + name_ + ": no column " + column);
}

void ColumnTable::write_tsv(const std::filesystem::path& path) const {
  std::vector<std::vector<io::TableCell>> rows(rows_);
  for (std::size_t r = 0; r < rows_; ++r)
    for (const Column& column : columns_)
      std::visit(
          [&](const auto& values) {
            using T = typename std::decay_t<decltype(values)>::value_type;
            if constexpr (std::is_same_v<T, std::string>)
              rows[r].emplace_back(values[r].empty() ? std::string("n/a") : values[r]);
            else
              rows[r].emplace_back(values[r]);
          },
          column);
  io::write_tsv(path, names_, rows);
}

void ColumnTable::write_h5(store::H5Group& parent) const {
  store::H5Group group = parent.create_group(name_);
  std::string order;
  for (const std::string& n : names_) order += (order.empty() ? "" : ",") + n;
  group.write_attribute("columns", order);
  for (std::size_t c = 0; c < columns_.size(); ++c)
    std::visit([&](const auto& values) { group.write_array(names_[c], store::vector_array(values)); }, columns_[c]);
}

std::string column_name(const std::string& key) {
  std::string name = key;
  for (char& ch : name)
    if (ch == '/' || ch == ',' || ch == '\t' || ch == '\n' || ch == '\r') ch = '_';
  return name;
}

}  // namespace acuroi::metastudy::detail
