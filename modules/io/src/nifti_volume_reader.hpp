// Private to io: reads the stored bytes of one volume after another from a NIfTI byte source,
// and a background prefetcher that keeps the next volumes' bytes ready (two buffers).
//
//   RawVolumeReader reader(std::move(source), header);   // source positioned after the header
//   reader.read_volume(buffer.data());                     // volume 0, volume_bytes(header) bytes
//   VolumePrefetcher ahead(std::move(reader_ptr), header);
//   const std::uint8_t* bytes = ahead.acquire(0); ...; ahead.release();
#pragma once
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "acuroi/io/nifti.hpp"
#include "nifti_byte_source.hpp"

namespace acuroi::io::detail {

class RawVolumeReader {
 public:
  RawVolumeReader(std::unique_ptr<ByteSource> source, const NiftiHeader& header);

  // Reads the next volume's bytes into dst. Throws core::InputError ("file ends after K of N
  // volumes") if the data ends early, or on gzip corruption. After the last volume the rest of a
  // gzip stream is checked (CRC).
  void read_volume(std::uint8_t* dst);
  // Skips `count` volumes without converting them.
  void skip_volumes(std::int64_t count);
  std::int64_t volumes_read() const { return volumes_read_; }

 private:
  [[noreturn]] void throw_truncated() const;
  void after_volume();

  std::unique_ptr<ByteSource> source_;
  std::string file_;
  std::int64_t volume_count_;
  std::size_t volume_bytes_;
  std::int64_t volumes_read_ = 0;
};

// Reads volumes in a background thread into two rotating buffers, ahead of the consumer.
// Errors are rethrown by acquire() for the volume that failed.
class VolumePrefetcher {
 public:
  VolumePrefetcher(std::unique_ptr<RawVolumeReader> reader, std::int64_t volume_count,
                   std::size_t volume_bytes);
  ~VolumePrefetcher();
  VolumePrefetcher(const VolumePrefetcher&) = delete;
  VolumePrefetcher& operator=(const VolumePrefetcher&) = delete;

  // Blocks until volume `index` (the next unconsumed one) is ready; valid until release().
  // The bytes live in float-aligned storage of float objects.
  const std::uint8_t* acquire(std::int64_t index);
  void release();

 private:
  void run();

  std::unique_ptr<RawVolumeReader> reader_;
  std::int64_t volume_count_;
  std::vector<float> buffers_[2];  // float storage so direct float32 volumes can be lent as floats
  std::mutex mutex_;
  std::condition_variable changed_;
  std::int64_t produced_ = 0, consumed_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
  std::thread worker_;
};

}  // namespace acuroi::io::detail
