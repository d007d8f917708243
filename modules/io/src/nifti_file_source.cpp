// Opening NIfTI byte sources; the plain (uncompressed) file source.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "acuroi/core/error.hpp"
#include "nifti_byte_source.hpp"

namespace acuroi::io::detail {

std::size_t ByteSource::skip(std::size_t n) {
  std::vector<std::uint8_t> scratch(std::min<std::size_t>(n, 1 << 16));
  std::size_t skipped = 0;
  while (skipped < n) {
    const std::size_t want = std::min(scratch.size(), n - skipped);
    const std::size_t got = read(scratch.data(), want);
    skipped += got;
    if (got < want) break;
  }
  return skipped;
}

namespace {

// Reads with plain read() calls straight into the caller's buffer (one copy from the page cache).
class PlainSource final : public ByteSource {
 public:
  PlainSource(std::filesystem::path path, int fd, std::int64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  ~PlainSource() override { ::close(fd_); }

  std::size_t read(std::uint8_t* dst, std::size_t n) override {
    std::size_t got = 0;
    while (got < n) {
      const std::size_t want = std::min<std::size_t>(n - got, std::size_t{1} << 30);
      const ssize_t r = ::read(fd_, dst + got, want);
      if (r < 0) {
        if (errno == EINTR) continue;
        throw core::InputError(path_.string(), "", "",
                               std::string("cannot read: ") + std::strerror(errno));
      }
      if (r == 0) break;
      got += static_cast<std::size_t>(r);
    }
    return got;
  }
  std::size_t skip(std::size_t n) override {
    const off_t here = ::lseek(fd_, 0, SEEK_CUR);
    if (here < 0) return ByteSource::skip(n);
    const std::int64_t left = std::max<std::int64_t>(0, size_ - here);
    const std::size_t step =
        static_cast<std::size_t>(std::min<std::int64_t>(left, static_cast<std::int64_t>(n)));
    ::lseek(fd_, here + static_cast<off_t>(step), SEEK_SET);
    return step;
  }
  bool gzipped() const override { return false; }
  std::int64_t file_size() const override { return size_; }

 private:
  std::filesystem::path path_;
  int fd_;
  std::int64_t size_;
};

}  // namespace

std::unique_ptr<ByteSource> open_plain_source(const std::filesystem::path& path, int fd,
                                              std::int64_t file_size) {
  return std::make_unique<PlainSource>(path, fd, file_size);
}

std::unique_ptr<ByteSource> open_byte_source(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw core::InputError(path.string(), "", "",
                           std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw core::InputError(path.string(), "", "", "not a regular file");
  }
  std::uint8_t magic[2] = {0, 0};
  const ssize_t r = ::pread(fd, magic, 2, 0);
  const bool gzip = r == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  if (gzip) return open_gzip_source(path, fd, st.st_size);
  return open_plain_source(path, fd, st.st_size);
}

}  // namespace acuroi::io::detail
