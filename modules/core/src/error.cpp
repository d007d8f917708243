#include "acuroi/core/error.hpp"

namespace acuroi::core {

namespace {
std::string input_message(const std::string& file, const std::string& field,
                          const std::string& value, const std::string& problem) {
  std::string m = file;
  if (!field.empty()) m += ": " + field;
  if (!value.empty()) m += " = " + value;
  return m + ": " + problem;
}
std::string config_message(const std::string& file, int line, int column, const std::string& key,
                           const std::string& value, const std::string& problem) {
  std::string m = file;
  if (line > 0) m += ":" + std::to_string(line) + ":" + std::to_string(column);
  if (!key.empty()) m += ": " + key;
  if (!value.empty()) m += " = '" + value + "'";
  return m + ": " + problem;
}
}  // namespace

InputError::InputError(std::string file, std::string field, std::string value,
                       const std::string& problem)
    : Error(input_message(file, field, value, problem)),
      file_(std::move(file)), field_(std::move(field)), value_(std::move(value)) {}

ConfigError::ConfigError(std::string file, int line, int column, std::string key,
                         std::string value, const std::string& problem)
    : Error(config_message(file, line, column, key, value, problem)),
      file_(std::move(file)), line_(line), column_(column),
      key_(std::move(key)), value_(std::move(value)) {}

void rethrow_with_context(const std::string& context) {
  try {
    throw;
  } catch (const InputError& e) {
    throw InputError(context + ": " + e.what());
  } catch (const ConfigError& e) {
    throw ConfigError(context + ": " + e.what());
  } catch (const Error& e) {
    throw Error(context + ": " + e.what());
  } catch (const std::exception& e) {
    throw Error(context + ": " + e.what());
  }
}

}  // namespace acuroi::core
