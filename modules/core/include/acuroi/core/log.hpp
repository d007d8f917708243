// Minimal leveled logging to stderr (or a per-participant file), timestamped when not a terminal.
//
//   log_info("extracting ", path);   // "2026-11-21T17:40:00Z [info] extracting ..."
#pragma once
#include <sstream>
#include <string>

namespace acuroi::core {

enum class LogLevel { debug = 0, info = 1, warning = 2, error = 3, quiet = 4 };

void set_log_level(LogLevel level);
LogLevel log_level();
void log_message(LogLevel level, const std::string& message);

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
