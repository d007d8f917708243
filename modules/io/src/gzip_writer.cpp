// The gzip byte sink: zlib deflate at level 6 with a gzip wrapper (windowBits 15 + 16). zlib's
// default gzip header has no file name and a zero timestamp, so output bytes are reproducible.
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "acuroi/core/error.hpp"
#include "nifti_byte_sink.hpp"

namespace acuroi::io::detail {

namespace {
class GzipSink final : public ByteSink {
 public:
  static constexpr int level = 6;

  GzipSink(std::filesystem::path path, int fd)
      : path_(std::move(path)), fd_(fd), output_(std::size_t{1} << 20) {
    if (deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      ::close(fd_);
      throw core::Error(path_.string() + ": cannot initialise gzip compression");
    }
  }
  ~GzipSink() override {
    deflateEnd(&stream_);
    if (fd_ >= 0) ::close(fd_);
  }

  void write(const std::uint8_t* data, std::size_t n) override {
    while (n > 0) {
      const auto chunk = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
      stream_.next_in = const_cast<Bytef*>(data);
      stream_.avail_in = chunk;
      deflate_until(Z_NO_FLUSH);
      data += chunk;
      n -= chunk;
    }
  }

  void close() override {
    stream_.next_in = nullptr;
    stream_.avail_in = 0;
    deflate_until(Z_FINISH);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0)
      throw core::Error(path_.string() + ": cannot close: " + std::strerror(errno));
  }

 private:
  // Runs deflate until all input is consumed (Z_NO_FLUSH) or the stream is finished (Z_FINISH).
  void deflate_until(int flush) {
    for (;;) {
      stream_.next_out = output_.data();
      stream_.avail_out = static_cast<uInt>(output_.size());
      const int rc = deflate(&stream_, flush);
      if (rc == Z_STREAM_ERROR) throw core::Error(path_.string() + ": gzip compression failed");
      const std::size_t produced = output_.size() - stream_.avail_out;
      write_all(fd_, output_.data(), produced, path_);
      if (flush == Z_FINISH ? rc == Z_STREAM_END : stream_.avail_in == 0 && stream_.avail_out != 0)
        return;
    }
  }

  std::filesystem::path path_;
  int fd_;
  z_stream stream_{};
  std::vector<std::uint8_t> output_;
};
}  // namespace

std::unique_ptr<ByteSink> open_gzip_sink(const std::filesystem::path& path, int fd) {
  return std::make_unique<GzipSink>(path, fd);
}

}  // namespace acuroi::io::detail
