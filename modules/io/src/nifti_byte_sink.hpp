// Private to io: a sequential destination for the bytes of a NIfTI file being written — a plain
// file, or a gzip stream (zlib level 6; the gzip header carries no name and no timestamp, so the
// same input gives the same bytes).
//
//   auto sink = open_byte_sink(temporary_path, /*gzip=*/true);
//   sink->write(header.data(), header.size());
//   sink->close();   // flushes; throws core::Error on I/O failure
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace acuroi::io::detail {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(const std::uint8_t* data, std::size_t n) = 0;
  virtual void close() = 0;
};

std::unique_ptr<ByteSink> open_byte_sink(const std::filesystem::path& path, bool gzip);

// The gzip sink on an open file descriptor (gzip_writer.cpp); it closes fd.
std::unique_ptr<ByteSink> open_gzip_sink(const std::filesystem::path& path, int fd);

// Writes all of data to fd (retrying short writes); throws core::Error naming path.
void write_all(int fd, const std::uint8_t* data, std::size_t n, const std::filesystem::path& path);

}  // namespace acuroi::io::detail
