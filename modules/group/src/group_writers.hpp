// Writers of the group outputs (private): a ColumnTable as TSV, and the whole HDF5 file.
#pragma once
#include <filesystem>

#include "acuroi/group/group_file.hpp"
#include "tables.hpp"

namespace acuroi::group::detail {

// Empty text cells are written as "n/a" (BIDS), NaN as "n/a" (io::format_number).
void write_table_tsv(const std::filesystem::path& path, const ColumnTable& table);

// Writes the HDF5 file to `path` (not atomically: the caller gives a temporary path).
void write_group_h5(const std::filesystem::path& path, const StudyValues& values,
                    const GroupResults& results, const GroupProvenance& provenance);

}  // namespace acuroi::group::detail
