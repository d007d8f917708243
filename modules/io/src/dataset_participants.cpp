// participants.tsv: participant ids, the arm, covariates.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"
#include "dataset_internal.hpp"

namespace acuroi::io::detail {

std::string strip_sub_prefix(std::string_view label) {
  if (label.substr(0, 4) == "sub-") label.remove_prefix(4);
  return std::string(label);
}

std::vector<ParticipantRow> read_participants(const std::filesystem::path& file,
                                              const DatasetSpec& spec) {
  if (!std::filesystem::is_regular_file(file))
    throw core::InputError(file.string(), "", "",
                           std::filesystem::exists(file) ? "participants table is not a file"
                                                         : "participants table does not exist");
  const Table table = read_table(file, TableFormat::tsv());
  const std::size_t id_column = table.column_index(spec.participant_column);
  const std::size_t arm_column = table.column_index(spec.arm_column);

  std::vector<ParticipantRow> rows;
  std::map<std::string, std::size_t> row_of_label;
  for (std::size_t r = 0; r < table.row_count(); ++r) {
    const std::string raw_id(table.cell(r, id_column));
    const std::string field = spec.participant_column + ", " + table.describe_row(r);
    ParticipantRow row;
    row.label = strip_sub_prefix(raw_id);
    row.data_row = r + 1;
    if (row.label.empty())
      throw core::InputError(table.source(), field, raw_id, "participant id is empty");
    if (!std::all_of(row.label.begin(), row.label.end(),
                     [](unsigned char c) { return std::isalnum(c); }))
      throw core::InputError(table.source(), field, raw_id,
                             "participant id must be 'sub-<label>' or '<label>' with an "
                             "alphanumeric label (BIDS)");
    if (const auto [it, inserted] = row_of_label.emplace(row.label, r + 1); !inserted)
      throw core::InputError(
          table.source(), field, raw_id,
          "participant appears twice (first in data row " + std::to_string(it->second) + ")");
    const std::string_view arm = table.cell(r, arm_column);
    row.arm = is_missing_value(arm) ? std::string() : std::string(arm);
    for (std::size_t c = 0; c < table.column_count(); ++c)
      if (c != id_column && c != arm_column)
        row.covariates.emplace(table.header()[c], std::string(table.cell(r, c)));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace acuroi::io::detail
