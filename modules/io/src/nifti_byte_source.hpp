// Private to io: a sequential source of the (decompressed) bytes of a NIfTI file.
//
// Two implementations: plain files (large read() calls) and gzip files (ISA-L inflate,
// multi-member). The header parser and the volume decoder only see this interface.
//
//   auto source = open_byte_source(path);
//   std::size_t got = source->read(buffer, n);   // got < n only when the data ends
//   if (got < n && source->truncated()) ...       // gzip stream cut short
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace acuroi::io::detail {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into dst; returns fewer only when the data ends.
  virtual std::size_t read(std::uint8_t* dst, std::size_t n) = 0;
  // True when the data ended before the stream's own end marker (a cut gzip file).
  virtual bool truncated() const { return false; }
  // Called after the last needed byte: verifies the rest of the stream (gzip CRC and length of
  // the final member). Throws core::InputError on corruption.
  virtual void finish() {}
  virtual bool gzipped() const = 0;
  // Size of the file on disk.
  virtual std::int64_t file_size() const = 0;

  // Reads and discards n bytes; returns how many were skipped (fewer only when the data ends).
  virtual std::size_t skip(std::size_t n);
};

// Opens a plain or gzip file (chosen by the gzip magic bytes, not by the name).
// Throws core::InputError if the file cannot be opened.
std::unique_ptr<ByteSource> open_byte_source(const std::filesystem::path& path);

// Plain-file and gzip implementations (gzip_reader.cpp, nifti_file_source.cpp).
std::unique_ptr<ByteSource> open_plain_source(const std::filesystem::path& path, int fd,
                                              std::int64_t file_size);
std::unique_ptr<ByteSource> open_gzip_source(const std::filesystem::path& path, int fd,
                                             std::int64_t file_size);

}  // namespace acuroi::io::detail
