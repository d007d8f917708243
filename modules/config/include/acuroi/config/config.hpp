// An acuroi configuration: one YAML file parsed through one declared schema into typed settings.
//
// The schema (modules/config/src/schema_*.cpp) names every key once: its dotted name, type,
// default, allowed values or range and a one-line doc. It drives parsing, validation, the
// commented default config (`acuroi config --defaults`) and the resolved text that is hashed.
//
// Errors are core::ConfigError naming the file, the 1-based line and column, the dotted key and
// the value: wrong types, out-of-range or not-allowed values, missing required keys, unknown keys
// (with the nearest valid key suggested), YAML syntax errors, region-set problems.
// Relative paths in a file are relative to that file's folder unless a key's doc says otherwise.
// Struct members carry no meaningful defaults of their own: default_config() applies the schema's.
//
//   Config config = load_config("study.yaml");         // parsed, validated, paths absolute
//   double min_coverage = config.rois.min_coverage;
//   std::string provenance = resolved_yaml(config);    // every key, canonical order
//   std::string marker_key = config_hash(config);      // sha256 of resolved_yaml
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "acuroi/config/denoise_settings.hpp"
#include "acuroi/config/extraction_settings.hpp"
#include "acuroi/config/group_settings.hpp"
#include "acuroi/config/hpc_settings.hpp"
#include "acuroi/config/measure_settings.hpp"
#include "acuroi/config/meta_settings.hpp"
#include "acuroi/config/origin.hpp"
#include "acuroi/config/output_settings.hpp"
#include "acuroi/config/roi_settings.hpp"
#include "acuroi/config/study_settings.hpp"

namespace acuroi::config {

struct Config {
  StudySettings study;
  ParticipantSettings participants;
  RoiSettings rois;
  ExtractionSettings extraction;
  DenoiseSettings denoise;
  MeasureSettings measures;
  GroupSettings group;
  MetaSettings meta;
  OutputSettings output;
  HpcSettings hpc;
  Origin origin;  // the config file (line and column 0); metadata, ignored by ==
  bool operator==(const Config&) const = default;
};

// Reads, parses and validates a config file; loads the preset it names. Throws core::ConfigError.
Config load_config(const std::filesystem::path& file);

// The same from text: relative paths resolve against `base_dir`; `source_name` names the text
// in error messages.
Config parse_config(std::string_view yaml_text, const std::filesystem::path& base_dir,
                    const std::string& source_name = "<config>");

// The commented default config: every key with its default (required keys with an example),
// its doc, type and allowed values or range. Parses back to the defaults.
std::string default_config_yaml();

// The schema's defaults, unresolved (relative paths as declared, required keys empty).
Config default_config();

// The full resolved config: every key in canonical (schema) order, paths absolute, the final
// region list; no comments. Parses back to an equal Config.
std::string resolved_yaml(const Config& config);

// SHA-256 (hex) of resolved_yaml(config): the config's identity for provenance and resume markers.
std::string config_hash(const Config& config);

// The same for some top-level sections only (e.g. {"study", "rois"}), printed in schema order
// whatever the order asked: for resume markers of work that depends on those sections alone.
// Throws std::invalid_argument for a name that is not a top-level section.
std::string resolved_yaml(const Config& config, const std::vector<std::string>& sections);
std::string config_hash(const Config& config, const std::vector<std::string>& sections);

}  // namespace acuroi::config
