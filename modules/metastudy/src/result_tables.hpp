// The meta results as column tables, shared by the TSV and the HDF5 writer (same columns, same
// order, same numbers). Columns are documented in SCHEMA.md. Private to the module.
#pragma once
#include <vector>

#include "acuroi/metastudy/pooling.hpp"
#include "column_table.hpp"

namespace acuroi::metastudy::detail {

// Moderator keys of every study and row, sorted (one column each in studies / study_effects).
std::vector<std::string> moderator_keys(const std::vector<StudyInput>& studies);

ColumnTable pooled_table(const std::vector<PairPool>& pools, const PoolingOptions& options);
ColumnTable study_effects_table(const std::vector<PairPool>& pools, const std::vector<std::string>& moderator_keys,
                                double level);
ColumnTable left_out_table(const std::vector<PairPool>& pools);
ColumnTable summary_table(const std::vector<PairPool>& pools, const PoolingOptions& options);
ColumnTable studies_table(const std::vector<StudyInput>& studies, const std::vector<std::string>& moderator_keys);

ColumnTable leave_one_out_table(const std::vector<PairPool>& pools);
ColumnTable influence_table(const std::vector<PairPool>& pools);
ColumnTable cumulative_table(const std::vector<PairPool>& pools);
ColumnTable small_study_table(const std::vector<PairPool>& pools);
ColumnTable trimfill_filled_table(const std::vector<PairPool>& pools);  // one row per filled study
ColumnTable subgroups_table(const std::vector<PairPool>& pools);
ColumnTable subgroup_tests_table(const std::vector<PairPool>& pools);
ColumnTable regression_table(const std::vector<PairPool>& pools);
ColumnTable binary_table(const std::vector<PairPool>& pools);

// All of them, in the order of SCHEMA.md.
std::vector<ColumnTable> result_tables(const std::vector<StudyInput>& studies, const std::vector<PairPool>& pools,
                                       const PoolingOptions& options);

}  // namespace acuroi::metastudy::detail
