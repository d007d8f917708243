// NIfTI-1 and NIfTI-2 images, .nii and .nii.gz, 3D and 4D, read and written.
//
// Values are returned as float with scl_slope/scl_inter applied (as nibabel's get_fdata does,
// except float instead of float64), in NIfTI voxel order (i fastest). The grid's affine is chosen
// as nibabel chooses it: sform if sform_code > 0, else qform if qform_code > 0, else the fallback
// base affine. Both byte orders are read. Datatypes: uint8, int8, int16, uint16, int32, uint32,
// int64, float32, float64.
//
// The 4D BOLD is streamed volume by volume: memory is O(one volume) whatever the run length,
// and .nii.gz is inflated with ISA-L (gzip is detected from the file's magic bytes; multi-member
// files are read, each member's CRC is checked). Header fields are as nibabel sees them after
// loading: spatial pixdims 0 -> 1 and negative -> |x|, qfac other than +-1 -> 1, xform codes
// outside 0..5 -> 0; dims beyond dim[0] count as 1. Two-file NIfTI (.hdr/.img) is not read.
//
//   NiftiVolumeStream bold("sub-01_bold.nii.gz");
//   std::vector<float> frame(bold.grid().voxel_count());
//   while (bold.read_next(frame)) reduce(frame);
//   // or, without a copy:  for (auto v = bold.next_volume(); !v.empty(); v = bold.next_volume())
//
//   core::Volume<float> mask = read_nifti_volume("brain_mask.nii.gz");
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "acuroi/core/grid.hpp"
#include "acuroi/core/volume.hpp"

namespace acuroi::io {

enum class NiftiDatatype : std::int16_t {
  uint8 = 2, int16 = 4, int32 = 8, float32 = 16, float64 = 64,
  int8 = 256, uint16 = 512, uint32 = 768, int64 = 1024,
};

struct NiftiHeader {
  int version = 1;                         // 1 or 2
  std::filesystem::path path;
  bool gzipped = false;
  bool byte_swapped = false;               // file is in the other byte order
  int ndim = 3;                            // dim[0]
  std::array<std::int64_t, 7> dim{1, 1, 1, 1, 1, 1, 1};   // dim[1..7] (1 beyond dim[0])
  std::array<double, 7> pixdim{1, 1, 1, 1, 1, 1, 1};      // pixdim[1..7]
  NiftiDatatype datatype = NiftiDatatype::float32;
  int bitpix = 32;
  std::int64_t vox_offset = 352;
  double scl_slope = 1.0, scl_inter = 0.0;  // already made identity when slope is 0 or NaN
  int qform_code = 0, sform_code = 0;
  int xyzt_units = 0;
  std::string description;
  core::Grid grid;                         // dims from dim[1..3], affine as nibabel chooses

  std::int64_t volume_count() const;       // product of dim[4..7] (1 for 3D)
  std::int64_t bytes_per_voxel() const { return bitpix / 8; }
  // pixdim[4] converted by xyzt_units (ms, us -> s; unknown units taken as s; 0 for Hz/ppm/rad/s).
  double repetition_time_seconds() const;
};

// Reads and checks the header only (size, magic, dims, datatype/bitpix, vox_offset, file size
// for uncompressed files). Throws core::InputError naming the file, field and value.
NiftiHeader read_nifti_header(const std::filesystem::path& path);

// Name of a datatype ("float32"), or "code N" for a code outside the enum.
std::string nifti_datatype_name(NiftiDatatype datatype);

struct NiftiStreamOptions {
  // Inflate/read the next volumes' bytes in a background thread while the caller works on the
  // current one (memory: two more raw volumes). Results are identical either way. Worth it when
  // the caller does substantial per-volume work in its own thread and a core is free; off by
  // default because the synchronous path inflates straight into the caller's buffer (least CPU)
  // and callers such as extract already overlap decoding with their own pipeline.
  bool background_decode = false;
};

// Streams the volumes of a 3D or 4D image in order, one at a time.
class NiftiVolumeStream {
 public:
  explicit NiftiVolumeStream(const std::filesystem::path& path, NiftiStreamOptions options = {});
  ~NiftiVolumeStream();
  NiftiVolumeStream(NiftiVolumeStream&&) noexcept;
  NiftiVolumeStream& operator=(NiftiVolumeStream&&) noexcept;

  const NiftiHeader& header() const;
  const core::Grid& grid() const { return header().grid; }
  std::int64_t volume_count() const { return header().volume_count(); }
  std::int64_t volumes_read() const;

  // Fills `out` (size grid().voxel_count()) with the next volume; false after the last one.
  // Throws core::InputError if the file ends early (truncated data or gzip stream).
  bool read_next(std::span<float> out);

  // Like read_next, but returns a view of the next volume owned by the stream, valid until the
  // next call to next_volume()/read_next(); empty after the last volume. With background decoding
  // of native float32 data this avoids the copy into the caller's buffer (the fastest path).
  std::span<const float> next_volume();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads one volume (default the first) of an image as float.
core::Volume<float> read_nifti_volume(const std::filesystem::path& path, std::int64_t index = 0);

struct NiftiWriteOptions {
  NiftiDatatype datatype = NiftiDatatype::float32;
  // Integer types store round((value - inter) / slope), clamped to the type's range (NaN: the
  // stored value nearest to 0). Float types are written unscaled (slope 1, inter 0).
  double scl_slope = 1.0, scl_inter = 0.0;
  double repetition_time_seconds = 0.0;     // pixdim[4]; xyzt_units is always mm + s (10)
  int version = 1;                          // 1 or 2
  bool big_endian = false;                  // write big-endian (byte-swapped on x86; for tests)
  int sform_code = 4, qform_code = 4;       // 4 = MNI152; the qform is derived from the affine
  std::string description = "acuroi";
  // gzip is chosen by the file name ending in .gz: zlib level 6, no name or timestamp in the
  // gzip header, so the same inputs give the same bytes.
};

// Writes volumes one at a time; the file appears under its name only after close() (atomic).
class NiftiWriter {
 public:
  NiftiWriter(const std::filesystem::path& path, const core::Grid& grid, std::int64_t volume_count,
              NiftiWriteOptions options = {});
  ~NiftiWriter();
  void write_next(std::span<const float> volume);
  void close();  // throws if fewer volumes were written than declared

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience: writes a 3D volume atomically.
void write_nifti_volume(const std::filesystem::path& path, const core::Volume<float>& volume,
                        NiftiWriteOptions options = {});

}  // namespace acuroi::io
