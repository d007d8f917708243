#include "yaml_document.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "acuroi/core/error.hpp"

namespace acuroi::config::detail {

std::optional<std::string> read_text_file(const std::filesystem::path& file, std::string& why) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    why = "is a folder, not a file";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    why = "read failed";
    return std::nullopt;
  }
  return text.str();
}

YAML::Node parse_yaml(const std::string& text, const std::string& file_name) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    const bool has_mark = !e.mark.is_null();
    throw core::ConfigError(file_name, has_mark ? e.mark.line + 1 : 0,
                            has_mark ? e.mark.column + 1 : 0, "", "",
                            "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    throw core::ConfigError(file_name, 0, 0, "", "", std::string("YAML error: ") + e.what());
  }
}

}  // namespace acuroi::config::detail
