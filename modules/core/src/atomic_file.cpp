#include "acuroi/core/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::core {

namespace {
std::atomic<unsigned> counter{0};

void fsync_path(const std::filesystem::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}
}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  if (target_.has_parent_path()) std::filesystem::create_directories(target_.parent_path());
  temporary_ = target_;
  temporary_ += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicFile::commit() {
  if (!std::filesystem::exists(temporary_))
    throw Error(target_.string() + ": nothing was written to " + temporary_.string());
  fsync_path(temporary_);
  std::error_code ec;
  std::filesystem::rename(temporary_, target_, ec);
  if (ec) throw Error(target_.string() + ": cannot rename from temporary file: " + ec.message());
  if (target_.has_parent_path()) fsync_path(target_.parent_path());
  committed_ = true;
}

void write_text_atomically(const std::filesystem::path& path, const std::string& text) {
  AtomicFile out(path);
  {
    std::ofstream f(out.temporary_path(), std::ios::binary);
    f << text;
    if (!f) throw Error(path.string() + ": cannot write");
  }
  out.commit();
}

}  // namespace acuroi::core
