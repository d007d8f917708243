#include "config_schema.hpp"

#include <algorithm>
#include <cctype>

namespace acuroi::config::detail {

void declare_group_section(ConfigSection& root);  // schema_group.cpp
void declare_hpc_section(ConfigSection& root);    // schema_hpc.cpp
void declare_meta_section(ConfigSection& root);   // schema_meta.cpp

const RecordSchema& config_schema() {
  static const RecordSchema schema = [] {
    RecordSchema s;
    ConfigSection root(s, "", [](Config& c) -> Config& { return c; });
    // Declaration order is the order of the printed and resolved config.
    declare_study_section(root);
    declare_participants_section(root);
    declare_rois_section(root);
    declare_extraction_section(root);
    declare_denoise_section(root);
    declare_measures_section(root);
    declare_group_section(root);
    declare_meta_section(root);
    declare_output_section(root);
    declare_hpc_section(root);
    return s;
  }();
  return schema;
}

std::string bids_label_problem(const std::string& label) {
  if (label.empty()) return "must not be empty";
  const bool alphanumeric =
      std::all_of(label.begin(), label.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
  return alphanumeric ? std::string() : "a BIDS label has letters and digits only";
}

std::string path_set_problem(const std::filesystem::path& path) {
  return path.empty() ? "must not be empty" : std::string();
}

void strip_prefix(std::string& label, const std::string& prefix) {
  if (label.rfind(prefix, 0) == 0) label.erase(0, prefix.size());
}

}  // namespace acuroi::config::detail
