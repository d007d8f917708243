// Typed errors for acuroi. Modules throw; only pipeline/ catches and maps them to exit codes.
//
//   throw InputError(path, "datatype", "1024", "unsupported NIfTI datatype");
//   // -> "<path>: datatype = 1024: unsupported NIfTI datatype"
//
// An expected outcome (an empty ROI, a fully scrubbed run) is a value recorded in the
// results, never an exception.
#pragma once
#include <stdexcept>
#include <string>

namespace acuroi::core {

// Exit codes of the acuroi executable (documented in README.md).
enum class ExitCode : int {
  ok = 0,
  runtime_failure = 1,  // I/O failure, a bug, anything unexpected
  usage_error = 2,      // bad command line or bad config
  input_error = 3,      // bad input data (a NIfTI, TSV or dataset layout problem)
  partial_failure = 4,  // a batch finished but some participants failed
};

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  virtual ExitCode exit_code() const { return ExitCode::runtime_failure; }
};

// Bad input data: names the file, the field and the offending value.
class InputError : public Error {
 public:
  InputError(std::string file, std::string field, std::string value, const std::string& problem);
  explicit InputError(const std::string& message) : Error(message) {}
  ExitCode exit_code() const override { return ExitCode::input_error; }
  const std::string& file() const { return file_; }
  const std::string& field() const { return field_; }
  const std::string& value() const { return value_; }

 private:
  std::string file_, field_, value_;
};

// Bad configuration or command line: names the file, line and column, the key and the value.
class ConfigError : public Error {
 public:
  ConfigError(std::string file, int line, int column, std::string key, std::string value,
              const std::string& problem);
  explicit ConfigError(const std::string& message) : Error(message) {}
  ExitCode exit_code() const override { return ExitCode::usage_error; }
  const std::string& key() const { return key_; }
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  std::string file_;
  int line_ = 0, column_ = 0;
  std::string key_, value_;
};

// Adds context as an error rises ("while reading participant sub-01: ..."), keeping its type.
[[noreturn]] void rethrow_with_context(const std::string& context);

}  // namespace acuroi::core
