// Minimal leveled logging to stderr, timestamped. A LogCapture also sends the lines logged on
// its thread to a sink (acuroi run: the participant's own log file).
//
//   log_info("extracting ", path);   // "2026-11-21T17:40:00Z [info] extracting ..."
//   LogCapture capture([&](LogLevel level, const std::string& line) { file << line; });
#pragma once
#include <functional>
#include <sstream>
#include <string>

namespace acuroi::core {

enum class LogLevel { debug = 0, info = 1, warning = 2, error = 3, quiet = 4 };

void set_log_level(LogLevel level);
LogLevel log_level();
void log_message(LogLevel level, const std::string& message);
const char* log_level_name(LogLevel level);  // "debug", "info", "warning", "error"

// While alive, lines logged on the constructing thread also go to `sink` (besides stderr).
// Captures nest: the innermost one receives the lines. Must be destroyed on the same thread.
class LogCapture {
 public:
  using Sink = std::function<void(LogLevel level, const std::string& message)>;
  explicit LogCapture(Sink sink);
  ~LogCapture();
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

 private:
  Sink sink_;
  LogCapture* previous_;
  friend void log_message(LogLevel level, const std::string& message);
};

template <class... Parts>
void log_at(LogLevel level, const Parts&... parts) {
  if (level < log_level()) return;
  std::ostringstream s;
  (s << ... << parts);
  log_message(level, s.str());
}
template <class... P> void log_debug(const P&... p) { log_at(LogLevel::debug, p...); }
template <class... P> void log_info(const P&... p) { log_at(LogLevel::info, p...); }
template <class... P> void log_warning(const P&... p) { log_at(LogLevel::warning, p...); }
template <class... P> void log_error(const P&... p) { log_at(LogLevel::error, p...); }

}  // namespace acuroi::core
