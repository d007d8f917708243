#include "gzip_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "acuroi/core/error.hpp"

namespace acuroi::io::detail {

namespace {
std::string isal_problem(int code) {
  switch (code) {
    case ISAL_INVALID_BLOCK:
      return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
      return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
      return "invalid deflate lookback distance";
    case ISAL_INVALID_WRAPPER:
      return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD:
      return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM:
      return "CRC-32 or length check failed";
    case ISAL_NEED_DICT:
      return "stream needs a preset dictionary";
    default:
      return "inflate error " + std::to_string(code);
  }
}
}  // namespace

GzipReader::GzipReader(std::filesystem::path path, int fd, std::int64_t file_size)
    : path_(std::move(path)), fd_(fd), file_size_(file_size), input_(input_buffer_bytes) {
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  isal_inflate_init(&state_);
  state_.crc_flag = ISAL_GZIP;
  state_.next_in = input_.data();
  state_.avail_in = 0;
}

GzipReader::~GzipReader() { ::close(fd_); }

void GzipReader::throw_corrupt(int isal_code) const {
  throw core::InputError(path_.string(), "gzip", "member " + std::to_string(members_),
                         "corrupt gzip stream: " + isal_problem(isal_code));
}

bool GzipReader::refill() {
  if (input_eof_) return false;
  // Keep unconsumed bytes at the front of the buffer, then fill the rest.
  const std::size_t left = state_.avail_in;
  if (left > 0 && state_.next_in != input_.data())
    std::memmove(input_.data(), state_.next_in, left);
  std::size_t filled = left;
  // Start small (reading just a header costs little), then use the whole buffer.
  const std::size_t limit = std::min(input_.size(), left + next_read_bytes_);
  next_read_bytes_ = std::min(input_.size(), next_read_bytes_ * 4);
  while (filled < limit) {
    const ssize_t r = ::read(fd_, input_.data() + filled, limit - filled);
    if (r < 0) {
      if (errno == EINTR) continue;
      throw core::InputError(path_.string(), "", "",
                             std::string("cannot read: ") + std::strerror(errno));
    }
    if (r == 0) {
      input_eof_ = true;
      break;
    }
    filled += static_cast<std::size_t>(r);
    break;  // one large read per refill is enough; avoids blocking on slow files
  }
  state_.next_in = input_.data();
  state_.avail_in = static_cast<std::uint32_t>(filled);
  return filled > left;
}

bool GzipReader::start_next_member() {
  // Another member follows only if the next bytes are a gzip magic; anything else (zero
  // padding, trailing bytes) ends the stream, as gzip and zlib's gzread do.
  while (state_.avail_in < 2 && refill()) {
  }
  if (state_.avail_in < 2 || state_.next_in[0] != 0x1f || state_.next_in[1] != 0x8b) return false;
  std::uint8_t* next_in = state_.next_in;
  const std::uint32_t avail_in = state_.avail_in;
  isal_inflate_reset(&state_);
  state_.crc_flag = ISAL_GZIP;
  state_.next_in = next_in;
  state_.avail_in = avail_in;
  ++members_;
  return true;
}

std::size_t GzipReader::read(std::uint8_t* dst, std::size_t n) {
  std::size_t got = 0;
  while (got < n && !stream_done_) {
    if (member_done_) {
      member_done_ = false;
      if (!start_next_member()) {
        stream_done_ = true;
        break;
      }
    }
    if (state_.avail_in == 0) refill();
    const std::uint32_t want = static_cast<std::uint32_t>(std::min<std::size_t>(n - got, 1u << 30));
    state_.next_out = dst + got;
    state_.avail_out = want;
    const std::uint32_t avail_in_before = state_.avail_in;
    const int rc = isal_inflate(&state_);
    if (rc < 0) throw_corrupt(rc);
    const std::uint32_t produced = want - state_.avail_out;
    got += produced;
    if (state_.block_state == ISAL_BLOCK_FINISH) {
      member_done_ = true;
      continue;
    }
    const bool progressed = produced > 0 || state_.avail_in != avail_in_before;
    if (!progressed) {
      if (state_.avail_in == 0 && input_eof_) {
        truncated_ = true;
        stream_done_ = true;
      } else if (state_.avail_in == input_.size() || !refill()) {
        throw_corrupt(ISAL_INVALID_BLOCK);  // no progress with a full buffer: not deflate data
      }
    }
  }
  return got;
}

void GzipReader::finish() {
  // Drain what is left (normally just the trailer) so the last member's CRC is verified.
  std::vector<std::uint8_t> scratch(1 << 16);
  while (!stream_done_) read(scratch.data(), scratch.size());
}

}  // namespace acuroi::io::detail

namespace acuroi::io::detail {
std::unique_ptr<ByteSource> open_gzip_source(const std::filesystem::path& path, int fd,
                                             std::int64_t file_size) {
  return std::make_unique<GzipReader>(path, fd, file_size);
}
}  // namespace acuroi::io::detail
