// NiftiVolumeStream and read_nifti_volume: header, then one volume at a time (raw bytes read or
// inflated, optionally ahead in a background thread, then converted to float).
#include <stdexcept>

#include "acuroi/core/error.hpp"
#include "acuroi/io/nifti.hpp"
#include "nifti_byte_source.hpp"
#include "nifti_convert.hpp"
#include "nifti_header_parse.hpp"
#include "nifti_volume_reader.hpp"

namespace acuroi::io {

struct NiftiVolumeStream::Impl {
  NiftiHeader header;
  std::unique_ptr<detail::RawVolumeReader> reader;       // synchronous reading
  std::unique_ptr<detail::VolumePrefetcher> prefetcher;  // or background reading
  std::vector<std::uint8_t> raw;                         // one stored volume (synchronous path)
  std::vector<float> own;                                // the volume lent by next_volume()
  bool holding_slot = false;                             // a prefetch buffer lent by next_volume()
  std::int64_t volumes_read = 0;

  void release_slot() {
    if (holding_slot) prefetcher->release();
    holding_slot = false;
  }

  // Stored bytes are the output floats: read straight into the caller's buffer.
  bool direct() const { return detail::stored_as_output_floats(header); }
  void convert(const std::uint8_t* bytes, std::span<float> out) const {
    detail::convert_to_float(header.datatype, bytes, out.size(), header.byte_swapped,
                             header.scl_slope, header.scl_inter, out.data());
  }
};

NiftiVolumeStream::NiftiVolumeStream(const std::filesystem::path& path, NiftiStreamOptions options)
    : impl_(std::make_unique<Impl>()) {
  auto source = detail::open_byte_source(path);
  impl_->header = detail::read_header_from_source(*source, path);
  auto reader = std::make_unique<detail::RawVolumeReader>(std::move(source), impl_->header);
  const std::int64_t count = impl_->header.volume_count();
  const auto bytes = static_cast<std::size_t>(detail::volume_bytes(impl_->header));
  if (options.background_decode && count > 1) {
    impl_->prefetcher = std::make_unique<detail::VolumePrefetcher>(std::move(reader), count, bytes);
  } else {
    impl_->reader = std::move(reader);
    if (!impl_->direct()) impl_->raw.resize(bytes);
  }
}

NiftiVolumeStream::~NiftiVolumeStream() = default;
NiftiVolumeStream::NiftiVolumeStream(NiftiVolumeStream&&) noexcept = default;
NiftiVolumeStream& NiftiVolumeStream::operator=(NiftiVolumeStream&&) noexcept = default;

const NiftiHeader& NiftiVolumeStream::header() const { return impl_->header; }
std::int64_t NiftiVolumeStream::volumes_read() const { return impl_->volumes_read; }

bool NiftiVolumeStream::read_next(std::span<float> out) {
  Impl& s = *impl_;
  if (static_cast<std::int64_t>(out.size()) != s.header.grid.voxel_count())
    throw std::invalid_argument("NiftiVolumeStream::read_next: buffer has " +
                                std::to_string(out.size()) + " values, volume has " +
                                std::to_string(s.header.grid.voxel_count()));
  s.release_slot();
  if (s.volumes_read >= s.header.volume_count()) return false;
  if (s.prefetcher) {
    const std::uint8_t* bytes = s.prefetcher->acquire(s.volumes_read);
    s.convert(bytes, out);
    s.prefetcher->release();
  } else if (s.direct()) {
    s.reader->read_volume(reinterpret_cast<std::uint8_t*>(out.data()));
  } else {
    s.reader->read_volume(s.raw.data());
    s.convert(s.raw.data(), out);
  }
  ++s.volumes_read;
  return true;
}

std::span<const float> NiftiVolumeStream::next_volume() {
  Impl& s = *impl_;
  s.release_slot();
  if (s.volumes_read >= s.header.volume_count()) return {};
  const auto voxels = static_cast<std::size_t>(s.header.grid.voxel_count());
  if (s.prefetcher && s.direct()) {
    // Lend the prefetch buffer itself (it holds float objects): no copy.
    const std::uint8_t* bytes = s.prefetcher->acquire(s.volumes_read);
    s.holding_slot = true;
    ++s.volumes_read;
    return {reinterpret_cast<const float*>(bytes), voxels};
  }
  s.own.resize(voxels);
  read_next(s.own);
  return s.own;
}

core::Volume<float> read_nifti_volume(const std::filesystem::path& path, std::int64_t index) {
  auto source = detail::open_byte_source(path);
  const NiftiHeader header = detail::read_header_from_source(*source, path);
  if (index < 0 || index >= header.volume_count())
    throw core::InputError(path.string(), "volume index", std::to_string(index),
                           "image has " + std::to_string(header.volume_count()) + " volume(s)");
  detail::RawVolumeReader reader(std::move(source), header);
  reader.skip_volumes(index);
  core::Volume<float> volume{header.grid, std::vector<float>(header.grid.voxel_count())};
  if (detail::stored_as_output_floats(header)) {
    reader.read_volume(reinterpret_cast<std::uint8_t*>(volume.data.data()));
    return volume;
  }
  std::vector<std::uint8_t> raw(static_cast<std::size_t>(detail::volume_bytes(header)));
  reader.read_volume(raw.data());
  detail::convert_to_float(header.datatype, raw.data(), volume.data.size(), header.byte_swapped,
                           header.scl_slope, header.scl_inter, volume.data.data());
  return volume;
}

}  // namespace acuroi::io
