#include "nifti_volume_reader.hpp"

#include "acuroi/core/error.hpp"
#include "nifti_header_parse.hpp"

namespace acuroi::io::detail {

RawVolumeReader::RawVolumeReader(std::unique_ptr<ByteSource> source, const NiftiHeader& header)
    : source_(std::move(source)),
      file_(header.path.string()),
      volume_count_(header.volume_count()),
      volume_bytes_(static_cast<std::size_t>(volume_bytes(header))) {
  const auto gap = static_cast<std::size_t>(header.vox_offset - header_bytes(header));
  if (source_->skip(gap) < gap)
    throw core::InputError(file_, "vox_offset", std::to_string(header.vox_offset),
                           "file ends before the voxel data starts" +
                               std::string(source_->gzipped() ? " (truncated gzip stream)" : ""));
}

void RawVolumeReader::throw_truncated() const {
  const std::string what = source_->gzipped() ? "truncated gzip stream" : "truncated file";
  throw core::InputError(file_, "volumes", std::to_string(volume_count_),
                         "file ends after " + std::to_string(volumes_read_) + " of " +
                             std::to_string(volume_count_) + " volumes (" + what + ")");
}

void RawVolumeReader::after_volume() {
  ++volumes_read_;
  if (volumes_read_ == volume_count_) {
    source_->finish();
    if (source_->truncated()) throw_truncated();
  }
}

void RawVolumeReader::read_volume(std::uint8_t* dst) {
  if (volumes_read_ >= volume_count_) throw_truncated();
  if (source_->read(dst, volume_bytes_) < volume_bytes_) throw_truncated();
  after_volume();
}

void RawVolumeReader::skip_volumes(std::int64_t count) {
  for (std::int64_t i = 0; i < count; ++i) {
    if (source_->skip(volume_bytes_) < volume_bytes_) throw_truncated();
    after_volume();
  }
}

VolumePrefetcher::VolumePrefetcher(std::unique_ptr<RawVolumeReader> reader,
                                   std::int64_t volume_count, std::size_t volume_bytes)
    : reader_(std::move(reader)), volume_count_(volume_count - reader_->volumes_read()) {
  buffers_[0].resize((volume_bytes + sizeof(float) - 1) / sizeof(float));
  buffers_[1].resize(buffers_[0].size());
  worker_ = std::thread([this] { run(); });
}

VolumePrefetcher::~VolumePrefetcher() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void VolumePrefetcher::run() {
  for (std::int64_t v = 0; v < volume_count_; ++v) {  // v counts from the prefetch start
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || produced_ - consumed_ < 2; });
      if (stop_) return;
    }
    try {
      reader_->read_volume(reinterpret_cast<std::uint8_t*>(buffers_[v % 2].data()));
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      changed_.notify_all();
      return;
    }
    {
      std::lock_guard lock(mutex_);
      ++produced_;
    }
    changed_.notify_all();
  }
}

const std::uint8_t* VolumePrefetcher::acquire(std::int64_t index) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return produced_ > index || error_; });
  if (produced_ > index) return reinterpret_cast<const std::uint8_t*>(buffers_[index % 2].data());
  std::rethrow_exception(error_);
}

void VolumePrefetcher::release() {
  {
    std::lock_guard lock(mutex_);
    ++consumed_;
  }
  changed_.notify_all();
}

}  // namespace acuroi::io::detail
