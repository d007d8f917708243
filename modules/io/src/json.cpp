// JSON read/write helpers over nlohmann::json.
#include "acuroi/io/json.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"

namespace acuroi::io {

namespace {

// "line L, column C (byte B)" of a 1-based byte position as nlohmann reports it.
std::string describe_position(std::string_view text, std::size_t byte) {
  const std::size_t offset = std::min(byte == 0 ? 0 : byte - 1, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t column =
      last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
         std::to_string(byte) + ")";
}

template <class JsonType>
void write_any_json(const std::filesystem::path& path, const JsonType& value, int indent) {
  std::string text = value.dump(indent, ' ', false, JsonType::error_handler_t::replace);
  text += '\n';
  core::write_text_atomically(path, text);
}

}  // namespace

Json parse_json(std::string_view text, const std::string& source) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1,
    // column 5: <reason>"; keep the reason, the position is given in our own words.
    std::string reason = e.what();
    const std::size_t bracket = reason.find(']');
    if (const std::size_t colon = reason.find(": ", bracket == std::string::npos ? 0 : bracket);
        colon != std::string::npos)
      reason = reason.substr(colon + 2);
    throw core::InputError(source, describe_position(text, e.byte), "", "invalid JSON: " + reason);
  }
}

Json read_json(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw core::InputError(path.string(), "", "",
                           std::string("cannot open JSON file: ") + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw core::InputError(path.string(), "", "", "read error");
  return parse_json(buffer.str(), path.string());
}

void write_json_atomically(const std::filesystem::path& path, const nlohmann::json& value,
                           int indent) {
  write_any_json(path, value, indent);
}

void write_json_atomically(const std::filesystem::path& path, const nlohmann::ordered_json& value,
                           int indent) {
  write_any_json(path, value, indent);
}

std::optional<double> optional_number(const Json& object, std::string_view key,
                                      const std::filesystem::path& source) {
  if (!object.is_object())
    throw core::InputError(source.string(), "", "",
                           std::string("expected a JSON object, found ") + object.type_name());
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_number())
    throw core::InputError(source.string(), std::string(key),
                           it->dump(-1, ' ', false, Json::error_handler_t::replace),
                           "expected a number");
  return it->get<double>();
}

}  // namespace acuroi::io
