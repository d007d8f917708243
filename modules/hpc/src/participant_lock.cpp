#include "participant_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "acuroi/core/error.hpp"
#include "acuroi/hpc/markers.hpp"

namespace acuroi::hpc::detail {

namespace {
std::string read_all(int fd) {
  std::string text;
  char buffer[256];
  ssize_t n = 0;
  while ((n = ::pread(fd, buffer, sizeof buffer, static_cast<off_t>(text.size()))) > 0) text.append(buffer, n);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text;
}

std::string host_name() {
  char name[256] = {};
  return ::gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string("unknown host");
}
}  // namespace

ParticipantLock::ParticipantLock(const std::filesystem::path& output_dir, const std::string& label)
    : path_(output_dir / "hpc" / "locks" / ("sub-" + label + ".lock")) {
  std::filesystem::create_directories(path_.parent_path());
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw core::InputError(path_.string(), "lock", "open", std::string("cannot open the participant lock: ") + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK)
      throw core::InputError(path_.string(), "lock", "flock", std::string("cannot lock: ") + std::strerror(errno));
    holder_ = read_all(fd_);
    if (holder_.empty()) holder_ = "another process";
    return;
  }
  held_ = true;
  const std::string who = "pid " + std::to_string(::getpid()) + " on " + host_name() + " since " + utc_now() + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd_, who.data(), who.size(), 0);
  }
}

ParticipantLock::~ParticipantLock() {
  if (fd_ < 0) return;
  if (held_) {
    [[maybe_unused]] const int truncated = ::ftruncate(fd_, 0);
  }
  ::close(fd_);  // releases the flock
}

}  // namespace acuroi::hpc::detail
