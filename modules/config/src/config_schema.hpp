// The schema of a whole config file, assembled from one declaration per section
// (schema_study.cpp, schema_participants.cpp, schema_rois.cpp, ...).
//
// Adding a section: a settings header in include/acuroi/config/, a member in Config, a file
// schema_<section>.cpp defining declare_<section>_section, and one line in config_schema.cpp.
//
//   const RecordSchema& s = config_schema();
#pragma once
#include "acuroi/config/config.hpp"
#include "schema_builder.hpp"

namespace acuroi::config::detail {

using ConfigSection = Section<Config, Config>;

void declare_study_section(ConfigSection& root);
void declare_participants_section(ConfigSection& root);
void declare_rois_section(ConfigSection& root);
void declare_extraction_section(ConfigSection& root);
void declare_denoise_section(ConfigSection& root);
void declare_measures_section(ConfigSection& root);
void declare_output_section(ConfigSection& root);

const RecordSchema& config_schema();

// A BIDS label check: "" when `label` is letters and digits only, else the problem.
std::string bids_label_problem(const std::string& label);
// "" when a path is set, else "must not be empty".
std::string path_set_problem(const std::filesystem::path& path);
// Removes a BIDS entity prefix ("sub-", "ses-") when present.
void strip_prefix(std::string& label, const std::string& prefix);

}  // namespace acuroi::config::detail
