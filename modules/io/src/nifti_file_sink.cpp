// The plain-file byte sink and the sink factory.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "acuroi/core/error.hpp"
#include "nifti_byte_sink.hpp"

namespace acuroi::io::detail {

void write_all(int fd, const std::uint8_t* data, std::size_t n, const std::filesystem::path& path) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw core::Error(path.string() + ": cannot write: " + std::strerror(errno));
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

namespace {
class PlainSink final : public ByteSink {
 public:
  PlainSink(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PlainSink() override {
    if (fd_ >= 0) ::close(fd_);
  }
  void write(const std::uint8_t* data, std::size_t n) override { write_all(fd_, data, n, path_); }
  void close() override {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0)
      throw core::Error(path_.string() + ": cannot close: " + std::strerror(errno));
  }

 private:
  std::filesystem::path path_;
  int fd_;
};
}  // namespace

std::unique_ptr<ByteSink> open_byte_sink(const std::filesystem::path& path, bool gzip) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw core::Error(path.string() + ": cannot create: " + std::strerror(errno));
  if (gzip) return open_gzip_sink(path, fd);
  return std::make_unique<PlainSink>(path, fd);
}

}  // namespace acuroi::io::detail
