// Private to io: streaming gzip decompression with ISA-L (isal_inflate, crc_flag = ISAL_GZIP).
//
// Handles multi-member files (concatenated gzip streams, as gzip allows); zero padding or other
// bytes after the last member are ignored. Each member's CRC-32 and length are verified by ISA-L.
// A stream that ends inside a member is reported through truncated(), corruption by
// core::InputError naming the file, the field "gzip" and what went wrong.
//
//   GzipReader in(path, fd, file_size);
//   std::size_t got = in.read(buffer, n);
#pragma once
#include <isa-l.h>

#include <filesystem>
#include <vector>

#include "nifti_byte_source.hpp"

namespace acuroi::io::detail {

class GzipReader final : public ByteSource {
 public:
  static constexpr std::size_t input_buffer_bytes = std::size_t{2} << 20;

  GzipReader(std::filesystem::path path, int fd, std::int64_t file_size);
  ~GzipReader() override;
  GzipReader(const GzipReader&) = delete;
  GzipReader& operator=(const GzipReader&) = delete;

  std::size_t read(std::uint8_t* dst, std::size_t n) override;
  bool truncated() const override { return truncated_; }
  void finish() override;
  bool gzipped() const override { return true; }
  std::int64_t file_size() const override { return file_size_; }

 private:
  bool refill();             // false at end of file
  bool start_next_member();  // false when no further member follows
  [[noreturn]] void throw_corrupt(int isal_code) const;

  std::filesystem::path path_;
  int fd_;
  std::int64_t file_size_;
  std::vector<std::uint8_t> input_;
  inflate_state state_{};
  std::size_t next_read_bytes_ = std::size_t{64} << 10;
  bool input_eof_ = false;
  bool member_done_ = false;
  bool stream_done_ = false;
  bool truncated_ = false;
  std::int64_t members_ = 1;
};

}  // namespace acuroi::io::detail
