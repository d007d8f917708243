// TSV forms of the group tables.
#include "acuroi/io/table.hpp"
#include "group_writers.hpp"

namespace acuroi::group::detail {

void write_table_tsv(const std::filesystem::path& path, const ColumnTable& table) {
  std::vector<std::vector<io::TableCell>> rows(table.rows);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    std::visit(
        [&](const auto& column) {
          for (std::size_t r = 0; r < table.rows; ++r) {
            using T = std::decay_t<decltype(column[r])>;
            if constexpr (std::is_same_v<T, std::string>)
              rows[r].emplace_back(column[r].empty() ? std::string("n/a") : column[r]);
            else
              rows[r].emplace_back(column[r]);
          }
        },
        table.columns[c]);
  }
  io::write_tsv(path, table.names, rows);
}

}  // namespace acuroi::group::detail
