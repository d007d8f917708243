// Reading YAML files: the text of a file (or why it cannot be read), and the document of a text
// with syntax errors turned into core::ConfigError naming the file, line and column.
//
//   std::string why;
//   auto text = read_text_file(path, why);          // nullopt, why = "No such file or directory"
//   YAML::Node doc = parse_yaml(*text, "study.yaml");
#pragma once
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>

namespace acuroi::config::detail {

std::optional<std::string> read_text_file(const std::filesystem::path& file, std::string& why);

YAML::Node parse_yaml(const std::string& text, const std::string& file_name);

}  // namespace acuroi::config::detail
