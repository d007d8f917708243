#include "report_data.hpp"

#include <algorithm>

#include "acuroi/store/participant_file.hpp"

namespace acuroi::report::detail {
namespace {
namespace fs = std::filesystem;

std::optional<io::Table> table_if_present(const fs::path& path) {
  if (!fs::exists(path)) return std::nullopt;
  return io::read_table(path);
}

fs::path meta_dir(const config::Config& config) {
  return config.meta.output_dir.empty() ? config.output.dir / "meta" : config.meta.output_dir;
}
}  // namespace

ReportData load_report_data(const config::Config& config) {
  ReportData data;
  const fs::path& out = config.output.dir;
  std::vector<std::string> labels;
  if (fs::is_directory(out)) {
    for (const auto& entry : fs::directory_iterator(out)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_directory() && name.rfind("sub-", 0) == 0) labels.push_back(name.substr(4));
    }
  }
  std::sort(labels.begin(), labels.end());
  for (const auto& label : labels) {
    const fs::path file = store::participant_file_path(out, label);
    if (fs::exists(file)) data.participants.push_back(store::read_participant_record(file));
  }
  const fs::path group = out / "group";
  data.group_tests = table_if_present(group / "group_tests.tsv");
  data.group_records = table_if_present(group / "group_study_records.tsv");
  data.group_exclusions = table_if_present(group / "group_exclusions.tsv");
  const fs::path meta = meta_dir(config);
  data.meta_pooled = table_if_present(meta / "meta_pooled.tsv");
  data.meta_effects = table_if_present(meta / "meta_study_effects.tsv");
  data.meta_leave_one_out = table_if_present(meta / "meta_leave_one_out.tsv");
  data.meta_summary = table_if_present(meta / "meta_summary_of_findings.tsv");
  data.meta_left_out = table_if_present(meta / "meta_left_out.tsv");
  data.meta_trimfill = table_if_present(meta / "meta_small_study.tsv");
  data.meta_trimfill_filled = table_if_present(meta / "meta_trimfill_filled.tsv");
  data.meta_subgroups = table_if_present(meta / "meta_subgroups.tsv");
  data.meta_subgroup_tests = table_if_present(meta / "meta_subgroup_tests.tsv");
  return data;
}

std::vector<double> run_numbers(const store::RunRecord& run, const std::string& name) {
  const auto it = run.arrays.find(name);
  if (it == run.arrays.end()) return {};
  return std::visit(
      [](const auto& values) {
        std::vector<double> out;
        using T = typename std::decay_t<decltype(values)>::value_type;
        if constexpr (!std::is_same_v<T, std::string>)
          for (const auto& v : values) out.push_back(static_cast<double>(v));
        return out;
      },
      it->second.data);
}

std::vector<std::string> run_strings(const store::RunRecord& run, const std::string& name) {
  const auto it = run.arrays.find(name);
  if (it == run.arrays.end()) return {};
  if (const auto* s = std::get_if<std::vector<std::string>>(&it->second.data)) return *s;
  return {};
}

std::string run_attribute_text(const store::RunRecord& run, const std::string& name) {
  const auto it = run.attributes.find(name);
  if (it == run.attributes.end()) return {};
  return std::visit(
      [](const auto& v) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) return v;
        else return std::to_string(v);
      },
      it->second);
}

}  // namespace acuroi::report::detail
