// Progress of a batch, for the terminal or for log files. On a terminal (tty = true) one line is
// redrawn in place: a bar with participants done/failed/remaining, the rate and the ETA. Otherwise
// each event is a timestamped line ("2026-11-21T17:40:00Z [progress] sub-03 done in 1.2 s
// (3/8 done, 0 failed, 5 remaining, ETA 6 s)"). Thread-safe; writes to the stream it is given.
//
//   Progress progress(std::cerr, labels.size(), stream_is_terminal(stderr));
//   progress.started("03");  progress.finished("03", true, "");  progress.close();
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

namespace acuroi::hpc {

bool stream_is_terminal(std::FILE* stream);

class Progress {
 public:
  Progress(std::ostream& out, std::size_t total, bool tty);
  void skipped(const std::string& label);  // already done: counts as done, not in the rate
  void started(const std::string& label);
  void finished(const std::string& label, bool succeeded, const std::string& note);
  void close();  // ends the bar's line (tty)

  // "[#####-----] 5/8 done, 1 failed, 2 remaining | 0.8/min | ETA 3m20s" (the tty line's text).
  std::string bar_text() const;

 private:
  void draw() const;
  void line(const std::string& text) const;
  std::ostream& out_;
  std::size_t total_, done_ = 0, failed_ = 0, skipped_ = 0;
  bool tty_;
  std::vector<std::string> running_;
  std::chrono::steady_clock::time_point start_;
  mutable std::mutex mutex_;
};

// "1h02m", "3m20s", "12 s", "0.4 s".
std::string format_duration(double seconds);

}  // namespace acuroi::hpc
