// Internal: the outputs the report reads, gathered once.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/io/table.hpp"
#include "acuroi/store/participant_record.hpp"

namespace acuroi::report::detail {

struct ReportData {
  std::vector<store::ParticipantRecord> participants;  // sorted by label
  std::optional<io::Table> group_tests, group_records, group_exclusions;
  std::optional<io::Table> meta_pooled, meta_effects, meta_leave_one_out, meta_funnel,
      meta_trimfill, meta_summary, meta_left_out;
  // meta_trimfill is meta_small_study.tsv (trim_and_fill_L0 row: k0, side, adjusted estimate);
  // the filled studies, the subgroup models and the tests of subgroup differences:
  std::optional<io::Table> meta_trimfill_filled, meta_subgroups, meta_subgroup_tests;
};

ReportData load_report_data(const config::Config& config);

// Helpers over store arrays: the named array of a run as doubles (empty when absent).
std::vector<double> run_numbers(const store::RunRecord& run, const std::string& name);
std::vector<std::string> run_strings(const store::RunRecord& run, const std::string& name);
std::string run_attribute_text(const store::RunRecord& run, const std::string& name);

}  // namespace acuroi::report::detail
