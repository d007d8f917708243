#include "acuroi/hpc/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "acuroi/hpc/markers.hpp"

namespace acuroi::hpc {

bool stream_is_terminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

std::string format_duration(double seconds) {
  std::ostringstream s;
  if (!std::isfinite(seconds)) return "?";
  if (seconds < 10) {
    s << std::fixed << std::setprecision(1) << seconds << " s";
  } else if (seconds < 60) {
    s << static_cast<int>(std::round(seconds)) << " s";
  } else if (seconds < 3600) {
    const int total = static_cast<int>(std::round(seconds));
    s << total / 60 << "m" << std::setw(2) << std::setfill('0') << total % 60 << "s";
  } else {
    const int minutes = static_cast<int>(std::round(seconds / 60));
    s << minutes / 60 << "h" << std::setw(2) << std::setfill('0') << minutes % 60 << "m";
  }
  return s.str();
}

Progress::Progress(std::ostream& out, std::size_t total, bool tty)
    : out_(out), total_(total), tty_(tty), start_(std::chrono::steady_clock::now()) {}

std::string Progress::bar_text() const {
  constexpr int width = 24;
  const std::size_t finished = done_ + failed_;
  const std::size_t remaining = total_ - std::min(total_, finished);
  const int filled = total_ == 0 ? width : static_cast<int>(width * finished / total_);
  std::ostringstream s;
  s << '[' << std::string(filled, '#') << std::string(width - filled, '-') << "] " << done_ << '/' << total_
    << " done, " << failed_ << " failed, " << remaining << " remaining";
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::size_t processed = finished - std::min(finished, skipped_);
  if (processed > 0 && elapsed > 0) {
    const double rate = processed / elapsed;  // participants per second
    s << " | " << std::fixed << std::setprecision(rate < 1 ? 2 : 1) << rate * 60 << "/min | ETA "
      << format_duration(remaining / rate);
  }
  if (!running_.empty()) {
    s << " | running sub-" << running_.front();
    if (running_.size() > 1) s << " +" << running_.size() - 1;
  }
  return s.str();
}

void Progress::draw() const {
  if (tty_) out_ << "\r\033[K" << bar_text() << std::flush;
}

void Progress::line(const std::string& text) const {
  if (tty_)
    out_ << "\r\033[K" << text << '\n';
  else
    out_ << utc_now() << " [progress] " << text << '\n';
  out_.flush();
}

void Progress::skipped(const std::string& label) {
  std::lock_guard lock(mutex_);
  ++done_;
  ++skipped_;
  if (!tty_) line("sub-" + label + " already done (valid marker): skipped");
  draw();
}

void Progress::started(const std::string& label) {
  std::lock_guard lock(mutex_);
  running_.push_back(label);
  if (!tty_) line("sub-" + label + " started");
  draw();
}

void Progress::finished(const std::string& label, bool succeeded, const std::string& note) {
  std::lock_guard lock(mutex_);
  std::erase(running_, label);
  (succeeded ? done_ : failed_)++;
  std::string text = "sub-" + label + (succeeded ? " done" : " FAILED") + (note.empty() ? "" : ": " + note);
  if (!tty_) {
    // Plain lines carry the counts the bar would show.
    const std::string bar = bar_text();
    text += " (" + bar.substr(bar.find(']') + 2) + ")";
    line(text);
  } else if (!succeeded) {
    line(text);  // failures stay on screen above the bar
  }
  draw();
}

void Progress::close() {
  std::lock_guard lock(mutex_);
  if (tty_) out_ << "\r\033[K" << bar_text() << '\n' << std::flush;
}

}  // namespace acuroi::hpc
