// Printing configs: the documented defaults, and the resolved text that is hashed.
#include <algorithm>
#include <stdexcept>

#include "acuroi/core/hash.hpp"
#include "acuroi/core/version.hpp"
#include "config_schema.hpp"
#include "schema_emit.hpp"

namespace acuroi::config {

Config default_config() {
  Config config;
  detail::apply_defaults(detail::config_schema(), &config);
  return config;
}

std::string default_config_yaml() {
  const Config defaults = default_config();
  return "# acuroi " + core::version() +
         " configuration: every key with its default.\n"
         "# Relative paths are relative to this file's folder unless a key says otherwise.\n"
         "# Unknown keys are errors. Check a config with: acuroi config --check FILE\n" +
         detail::emit_record(detail::config_schema(), &defaults, detail::EmitStyle::documented);
}

std::string resolved_yaml(const Config& config) {
  return detail::emit_record(detail::config_schema(), &config, detail::EmitStyle::all_keys);
}

std::string config_hash(const Config& config) { return core::sha256_hex(resolved_yaml(config)); }

std::string resolved_yaml(const Config& config, const std::vector<std::string>& sections) {
  const auto& schema = detail::config_schema();
  for (const auto& name : sections)
    if (name.find('.') != std::string::npos || !schema.find_section(name))
      throw std::invalid_argument("resolved_yaml: '" + name + "' is not a config section");
  std::string text;
  for (const auto& section : schema.sections())
    if (std::find(sections.begin(), sections.end(), section.key) != sections.end())
      text += detail::emit_section(schema, &config, section.key, detail::EmitStyle::all_keys);
  return text;
}

std::string config_hash(const Config& config, const std::vector<std::string>& sections) {
  return core::sha256_hex(resolved_yaml(config, sections));
}

}  // namespace acuroi::config
