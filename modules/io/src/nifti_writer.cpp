// NiftiWriter and write_nifti_volume: header from the grid (sform exact, qform derived as nibabel's
// set_qform does), then volumes streamed through a plain or gzip sink into an atomic temporary.
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/io/nifti.hpp"
#include "nifti_byte_sink.hpp"
#include "nifti_convert.hpp"
#include "nifti_datatype.hpp"
#include "nifti_header_codec.hpp"
#include "nifti_qform.hpp"

namespace acuroi::io {

namespace {

bool is_integer_type(NiftiDatatype t) {
  return t != NiftiDatatype::float32 && t != NiftiDatatype::float64;
}

void check_options(const std::filesystem::path& path, const core::Grid& grid,
                   std::int64_t volume_count, const NiftiWriteOptions& o) {
  const std::string file = path.string();
  if (detail::find_datatype(static_cast<int>(o.datatype)) == nullptr)
    throw core::Error(file + ": cannot write datatype code " +
                      std::to_string(static_cast<int>(o.datatype)));
  if (o.version != 1 && o.version != 2)
    throw core::Error(file + ": NIfTI version must be 1 or 2, not " + std::to_string(o.version));
  if (is_integer_type(o.datatype) &&
      (o.scl_slope == 0 || !std::isfinite(o.scl_slope) || !std::isfinite(o.scl_inter)))
    throw core::Error(file + ": scl_slope must be finite and non-zero and scl_inter finite");
  const std::int64_t limit = o.version == 1 ? std::numeric_limits<std::int16_t>::max()
                                            : std::numeric_limits<std::int64_t>::max();
  for (const std::int64_t size : {grid.dims[0], grid.dims[1], grid.dims[2], volume_count})
    if (size < 1 || size > limit)
      throw core::Error(file + ": image size " + std::to_string(size) + " out of range for NIfTI-" +
                        std::to_string(o.version));
}

detail::NiftiRawFields header_fields(const core::Grid& grid, std::int64_t volume_count,
                                     const NiftiWriteOptions& o) {
  detail::NiftiRawFields f;
  f.version = o.version;
  const char* magic = o.version == 1 ? "n+1\0" : "n+2\0\r\n\x1a\n";
  std::copy(magic, magic + (o.version == 1 ? 4 : 8), f.magic.begin());
  f.dim = {
      volume_count > 1 ? 4 : 3, grid.dims[0], grid.dims[1], grid.dims[2], volume_count, 1, 1, 1};
  const detail::QformParameters q = detail::qform_from_affine(grid.affine);
  f.pixdim = {q.qfac, q.zooms[0], q.zooms[1], q.zooms[2], std::max(0.0, o.repetition_time_seconds),
              1,      1,          1};
  const detail::DatatypeInfo* info = detail::find_datatype(static_cast<int>(o.datatype));
  f.datatype = static_cast<int>(o.datatype);
  f.bitpix = info->bitpix;
  f.vox_offset = o.version == 1 ? 352 : 544;
  f.scl_slope = is_integer_type(o.datatype) ? o.scl_slope : 1.0;
  f.scl_inter = is_integer_type(o.datatype) ? o.scl_inter : 0.0;
  f.xyzt_units = 2 + 8;  // mm + s
  f.descrip = o.description;
  f.qform_code = o.qform_code;
  f.sform_code = o.sform_code;
  f.quatern_b = q.quatern_b;
  f.quatern_c = q.quatern_c;
  f.quatern_d = q.quatern_d;
  f.qoffset_x = q.offset[0];
  f.qoffset_y = q.offset[1];
  f.qoffset_z = q.offset[2];
  for (int c = 0; c < 4; ++c) {
    f.srow_x[c] = grid.affine(0, c);
    f.srow_y[c] = grid.affine(1, c);
    f.srow_z[c] = grid.affine(2, c);
  }
  return f;
}

bool has_suffix(const std::filesystem::path& path, const std::string& suffix) {
  const std::string name = path.filename().string();
  return name.size() >= suffix.size() &&
         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

struct NiftiWriter::Impl {
  std::filesystem::path path;
  core::Grid grid;
  std::int64_t volume_count = 0;
  NiftiWriteOptions options;
  bool swap = false;
  core::AtomicFile file;
  std::unique_ptr<detail::ByteSink> sink;
  std::vector<std::uint8_t> raw;
  std::int64_t volumes_written = 0;
  bool closed = false;

  Impl(const std::filesystem::path& p, const core::Grid& g, std::int64_t n, NiftiWriteOptions o)
      : path(p), grid(g), volume_count(n), options(std::move(o)), file(p) {}
};

NiftiWriter::NiftiWriter(const std::filesystem::path& path, const core::Grid& grid,
                         std::int64_t volume_count, NiftiWriteOptions options) {
  check_options(path, grid, volume_count, options);
  impl_ = std::make_unique<Impl>(path, grid, volume_count, std::move(options));
  Impl& w = *impl_;
  w.swap = w.options.big_endian == (std::endian::native == std::endian::little);
  w.sink = detail::open_byte_sink(w.file.temporary_path(), has_suffix(path, ".gz"));
  std::vector<std::uint8_t> header =
      detail::encode_nifti_header(header_fields(grid, volume_count, w.options), w.swap);
  header.resize(header.size() + 4, 0);  // extension flag: no extensions
  w.sink->write(header.data(), header.size());
  const detail::DatatypeInfo* info = detail::find_datatype(static_cast<int>(w.options.datatype));
  w.raw.resize(static_cast<std::size_t>(grid.voxel_count()) * (info->bitpix / 8));
}

NiftiWriter::~NiftiWriter() = default;  // without close(), the temporary file is removed

void NiftiWriter::write_next(std::span<const float> volume) {
  Impl& w = *impl_;
  if (static_cast<std::int64_t>(volume.size()) != w.grid.voxel_count())
    throw std::invalid_argument("NiftiWriter::write_next: volume has " +
                                std::to_string(volume.size()) + " values, grid has " +
                                std::to_string(w.grid.voxel_count()));
  if (w.closed || w.volumes_written >= w.volume_count)
    throw std::logic_error(w.path.string() + ": more volumes written than the " +
                           std::to_string(w.volume_count) + " declared");
  const bool integer = is_integer_type(w.options.datatype);
  detail::convert_from_float(w.options.datatype, volume.data(), volume.size(), w.swap,
                             integer ? w.options.scl_slope : 1.0,
                             integer ? w.options.scl_inter : 0.0, w.raw.data());
  w.sink->write(w.raw.data(), w.raw.size());
  ++w.volumes_written;
}

void NiftiWriter::close() {
  Impl& w = *impl_;
  if (w.closed) return;
  if (w.volumes_written != w.volume_count)
    throw std::logic_error(w.path.string() + ": " + std::to_string(w.volumes_written) + " of " +
                           std::to_string(w.volume_count) + " declared volumes written");
  w.sink->close();
  w.file.commit();
  w.closed = true;
}

void write_nifti_volume(const std::filesystem::path& path, const core::Volume<float>& volume,
                        NiftiWriteOptions options) {
  NiftiWriter writer(path, volume.grid, 1, std::move(options));
  writer.write_next(volume.data);
  writer.close();
}

}  // namespace acuroi::io
