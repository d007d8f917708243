// The group results as column tables: one builder per output table, shared by the TSV writer
// and the HDF5 writer so both hold the same columns in the same order. Private.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "acuroi/group/results.hpp"
#include "acuroi/group/study_values.hpp"

namespace acuroi::group::detail {

using Column =
    std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>>;

struct ColumnTable {
  std::vector<std::string> names;
  std::vector<Column> columns;
  std::size_t rows = 0;
  void add(std::string name, Column column);
};

ColumnTable tests_table(const GroupResults& results);
ColumnTable glm_table(const GroupResults& results);
ColumnTable records_table(const GroupResults& results);
ColumnTable exclusions_table(const StudyValues& values);

}  // namespace acuroi::group::detail
