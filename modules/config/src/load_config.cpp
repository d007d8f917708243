// Loading a config: file -> YAML document -> Config through the declared schema.
#include "acuroi/config/config.hpp"
#include "acuroi/core/error.hpp"
#include "config_schema.hpp"
#include "yaml_document.hpp"

namespace acuroi::config {

Config parse_config(std::string_view yaml_text, const std::filesystem::path& base_dir,
                    const std::string& source_name) {
  const detail::ParseContext context{source_name,
                                     std::filesystem::absolute(base_dir).lexically_normal()};
  const YAML::Node document = detail::parse_yaml(std::string(yaml_text), source_name);
  Config config;
  detail::parse_record(detail::config_schema(), &config, document, context, "", document.Mark());
  config.origin = Origin{source_name, 0, 0, ""};
  return config;
}

Config load_config(const std::filesystem::path& file) {
  std::string why;
  const auto text = detail::read_text_file(file, why);
  if (!text)
    throw core::ConfigError(file.string(), 0, 0, "", "", "cannot read the config file: " + why);
  const auto folder = std::filesystem::absolute(file).parent_path();
  return parse_config(*text, folder, file.string());
}

}  // namespace acuroi::config
