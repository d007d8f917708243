// Internal: what the meta section's figures need beyond the pooled table, gathered per pool
// (ROI × measure) from the meta TSVs: trim-and-fill (filled studies, adjusted estimate) and the
// subgroup blocks per moderator with the tests of subgroup differences.
#pragma once
#include <string>
#include <vector>

#include "acuroi/report/meta_plots.hpp"
#include "report_data.hpp"

namespace acuroi::report::detail {

// Empty (no filled study, NaN estimate) when the tables are absent or the pool has no
// trim_and_fill_L0 row.
FunnelTrimFill pool_trim_fill(const ReportData& data, const std::string& roi, const std::string& measure);

struct SubgroupForest {
  std::string moderator;
  std::vector<ForestSubgroup> groups;  // levels in meta_subgroups.tsv order, then studies without the moderator
  std::string test_line;               // the tests of subgroup differences, one line
};

// One per moderator of the pool in meta_subgroups.tsv (order of first appearance). Study rows
// come from meta_study_effects.tsv, each with its CI at ±z·sei, and join the block of its value
// in the moderator's column.
std::vector<SubgroupForest> pool_subgroup_forests(const ReportData& data, const std::string& roi,
                                                  const std::string& measure, double z);

}  // namespace acuroi::report::detail
