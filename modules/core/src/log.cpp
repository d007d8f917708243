#include "acuroi/core/log.hpp"

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <mutex>

namespace acuroi::core {

namespace {
std::atomic<LogLevel> current_level{LogLevel::info};
std::mutex output_mutex;
thread_local LogCapture* current_capture = nullptr;
}  // namespace

const char* log_level_name(LogLevel l) {
  switch (l) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warning: return "warning";
    case LogLevel::error: return "error";
    default: return "";
  }
}

LogCapture::LogCapture(Sink sink) : sink_(std::move(sink)), previous_(current_capture) { current_capture = this; }
LogCapture::~LogCapture() { current_capture = previous_; }

void set_log_level(LogLevel level) { current_level = level; }
LogLevel log_level() { return current_level; }

void log_message(LogLevel level, const std::string& message) {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  if (current_capture && current_capture->sink_) current_capture->sink_(level, message);
  std::lock_guard lock(output_mutex);
  std::cerr << stamp << " [" << log_level_name(level) << "] " << message << '\n';
}

}  // namespace acuroi::core
