// NIfTI header validation and interpretation: dims, datatype, scaling, and the affine chosen as
// nibabel chooses it (Nifti1Header.get_best_affine after nibabel's load-time header fixes).
#include <charconv>
#include <cmath>
#include <limits>

#include "acuroi/core/error.hpp"
#include "nifti_datatype.hpp"
#include "nifti_header_parse.hpp"
#include "nifti_qform.hpp"

namespace acuroi::io {

std::int64_t NiftiHeader::volume_count() const {
  std::int64_t count = 1;
  for (int axis = 3; axis < 7; ++axis) count *= dim[axis];
  return count;
}

double NiftiHeader::repetition_time_seconds() const {
  switch (xyzt_units & 0x38) {
    case 0:  // unknown: taken as seconds, as nilearn and fMRIPrep outputs assume
    case 8:
      return pixdim[3];  // seconds
    case 16:
      return pixdim[3] * 1e-3;  // milliseconds
    case 24:
      return pixdim[3] * 1e-6;  // microseconds
    default:
      return 0.0;  // Hz, ppm, rad/s: not a repetition time
  }
}

}  // namespace acuroi::io

namespace acuroi::io::detail {

std::string format_number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

namespace {

// A header field as stored: NIfTI-1 floats print as float32 ("0.9", not "0.8999999761581421").
std::string format_field(double value, int version) {
  if (version != 1) return format_number(value);
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value));
  return std::string(buffer, result.ptr);
}

std::string printable(const std::array<char, 8>& magic, int size) {
  std::string out = "'";
  for (int i = 0; i < size; ++i) {
    const unsigned char c = static_cast<unsigned char>(magic[i]);
    if (c >= 32 && c < 127) {
      out += static_cast<char>(c);
    } else {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out + "'";
}

void check_magic(const NiftiRawFields& raw, const std::string& file) {
  const char expected = raw.version == 1 ? '1' : '2';
  const auto& m = raw.magic;
  if (m[0] == 'n' && m[1] == '+' && m[2] == expected && m[3] == '\0') {
    // NIfTI-2 follows the magic with "\r\n\032\n" to detect text-mode transfers (nibabel
    // accepts these bytes or all zeros and rejects anything else).
    const bool eol_ok = raw.version == 1 ||
                        (m[4] == '\r' && m[5] == '\n' && m[6] == '\032' && m[7] == '\n') ||
                        (m[4] == 0 && m[5] == 0 && m[6] == 0 && m[7] == 0);
    if (!eol_ok)
      throw core::InputError(file, "magic", printable(m, 8),
                             "NIfTI-2 end-of-line check bytes are damaged (file corrupted by a "
                             "text-mode transfer?)");
    return;
  }
  if (m[0] == 'n' && m[1] == 'i' && m[2] == expected && m[3] == '\0')
    throw core::InputError(file, "magic", printable(m, 4),
                           "two-file NIfTI (.hdr/.img pair) is not supported; use .nii or .nii.gz");
  throw core::InputError(file, "magic", printable(m, 4),
                         std::string("not a single-file NIfTI-") + expected +
                             " header (expected 'n+" + expected + "\\x00')");
}

void check_dims(const NiftiRawFields& raw, const std::string& file, NiftiHeader& h) {
  if (raw.dim[0] < 1 || raw.dim[0] > 7)
    throw core::InputError(file, "dim[0]", std::to_string(raw.dim[0]),
                           "number of dimensions must be between 1 and 7");
  h.ndim = static_cast<int>(raw.dim[0]);
  for (int axis = 1; axis <= 7; ++axis) {
    const std::int64_t size = axis <= h.ndim ? raw.dim[axis] : 1;
    if (size <= 0)
      throw core::InputError(file, "dim[" + std::to_string(axis) + "]", std::to_string(size),
                             "image dimensions must be positive");
    h.dim[axis - 1] = size;
  }
  // The file must be addressable: voxels x volumes x bytes must fit in 63 bits.
  std::int64_t total = 8;
  for (const std::int64_t size : h.dim)
    if (__builtin_mul_overflow(total, size, &total))
      throw core::InputError(file, "dim", std::to_string(h.dim[0]) + "x...",
                             "image dimensions are too large");
}

void check_datatype(const NiftiRawFields& raw, const std::string& file, NiftiHeader& h) {
  const DatatypeInfo* info = find_datatype(raw.datatype);
  if (info == nullptr)
    throw core::InputError(file, "datatype", std::to_string(raw.datatype),
                           "unsupported NIfTI datatype (" + datatype_code_name(raw.datatype) +
                               "); supported: " + supported_datatype_names());
  if (raw.bitpix != info->bitpix)
    throw core::InputError(file, "bitpix", std::to_string(raw.bitpix),
                           std::string("does not match datatype ") + std::to_string(raw.datatype) +
                               " (" + info->name + ", " + std::to_string(info->bitpix) + " bits)");
  h.datatype = info->datatype;
  h.bitpix = info->bitpix;
}

void check_vox_offset(const NiftiRawFields& raw, const std::string& file, NiftiHeader& h) {
  // Single-file NIfTI: the header plus the 4-byte extension flag come first (nibabel rejects less).
  const std::int64_t minimum = raw.version == 1 ? 352 : 544;
  if (!(raw.vox_offset >= static_cast<double>(minimum)) ||
      raw.vox_offset != std::floor(raw.vox_offset) || raw.vox_offset > 9.0e18)
    throw core::InputError(file, "vox_offset", format_field(raw.vox_offset, raw.version),
                           "must be a whole number of bytes >= " + std::to_string(minimum) +
                               " (header size plus the extension flag)");
  h.vox_offset = static_cast<std::int64_t>(raw.vox_offset);
}

void set_scaling(const NiftiRawFields& raw, const std::string& file, NiftiHeader& h) {
  // nibabel get_slope_inter: slope 0 or not finite means no scaling.
  if (raw.scl_slope == 0 || !std::isfinite(raw.scl_slope)) {
    h.scl_slope = 1.0;
    h.scl_inter = 0.0;
    return;
  }
  if (!std::isfinite(raw.scl_inter))
    throw core::InputError(file, "scl_inter", format_field(raw.scl_inter, raw.version),
                           "must be finite when scl_slope is set");
  h.scl_slope = raw.scl_slope;
  h.scl_inter = raw.scl_inter;
}

// nibabel's load-time fixes (Nifti1Header.check_fix): zero spatial pixdims become 1, negative
// ones their absolute value, qfac other than +-1 becomes 1, unknown xform codes become 0.
void set_spatial_fields(const NiftiRawFields& raw, NiftiHeader& h, double& qfac) {
  for (int i = 1; i <= 7; ++i) {
    double zoom = raw.pixdim[i];
    if (i <= 3) zoom = zoom == 0 ? 1.0 : std::fabs(zoom);
    h.pixdim[i - 1] = zoom;
  }
  qfac = (raw.pixdim[0] == 1 || raw.pixdim[0] == -1) ? raw.pixdim[0] : 1.0;
  const auto valid_code = [](int code) { return code >= 0 && code <= 5 ? code : 0; };
  h.qform_code = valid_code(raw.qform_code);
  h.sform_code = valid_code(raw.sform_code);
  h.xyzt_units = raw.xyzt_units;
  h.description = raw.descrip;
}

Eigen::Matrix4d choose_affine(const NiftiRawFields& raw, const std::string& file,
                              const NiftiHeader& h, double qfac) {
  if (h.sform_code != 0) {
    Eigen::Matrix4d a = Eigen::Matrix4d::Identity();
    for (int c = 0; c < 4; ++c) {
      a(0, c) = raw.srow_x[c];
      a(1, c) = raw.srow_y[c];
      a(2, c) = raw.srow_z[c];
    }
    return a;
  }
  if (h.qform_code != 0) {
    QformParameters q;
    q.quatern_b = raw.quatern_b;
    q.quatern_c = raw.quatern_c;
    q.quatern_d = raw.quatern_d;
    q.qfac = qfac;
    q.zooms = {h.pixdim[0], h.pixdim[1], h.pixdim[2]};
    q.offset = {raw.qoffset_x, raw.qoffset_y, raw.qoffset_z};
    // nibabel's tolerance: 3 machine epsilons of the stored precision.
    const double eps = raw.version == 1 ? std::numeric_limits<float>::epsilon()
                                        : std::numeric_limits<double>::epsilon();
    if (auto a = qform_affine(q, 3 * eps)) return *a;
    throw core::InputError(file, "quatern_b/c/d",
                           format_field(q.quatern_b, raw.version) + ", " +
                               format_field(q.quatern_c, raw.version) + ", " +
                               format_field(q.quatern_d, raw.version),
                           "not a unit quaternion (b^2 + c^2 + d^2 > 1)");
  }
  return base_affine(h.ndim, {h.dim[0], h.dim[1], h.dim[2]},
                     {h.pixdim[0], h.pixdim[1], h.pixdim[2]});
}

}  // namespace

NiftiHeader interpret_nifti_header(const NiftiRawFields& raw, const std::filesystem::path& path,
                                   bool swapped) {
  const std::string file = path.string();
  NiftiHeader h;
  h.version = raw.version;
  h.path = path;
  h.byte_swapped = swapped;
  check_magic(raw, file);
  check_dims(raw, file, h);
  check_datatype(raw, file, h);
  check_vox_offset(raw, file, h);
  set_scaling(raw, file, h);
  double qfac = 1.0;
  set_spatial_fields(raw, h, qfac);
  h.grid.dims = {h.dim[0], h.dim[1], h.dim[2]};
  h.grid.affine = choose_affine(raw, file, h, qfac);
  return h;
}

NiftiHeader read_header_from_source(ByteSource& source, const std::filesystem::path& path) {
  const std::string file = path.string();
  const std::string cut = source.gzipped() ? " (truncated gzip stream)" : "";
  std::vector<std::uint8_t> bytes(nifti2_header_bytes, 0);
  const std::size_t got4 = source.read(bytes.data(), 4);
  if (got4 < 4)
    throw core::InputError(file, "sizeof_hdr", "",
                           "file is too short to hold a NIfTI header" + cut);
  int version = 1;
  bool swapped = false;
  const int size = nifti_header_size({bytes.data(), 4}, version, swapped);
  if (size == 0) {
    std::int32_t value = 0;
    std::memcpy(&value, bytes.data(), 4);
    throw core::InputError(file, "sizeof_hdr", std::to_string(value),
                           "not a NIfTI file (sizeof_hdr must be 348 for NIfTI-1 or 540 for "
                           "NIfTI-2, in either byte order)");
  }
  const std::size_t rest = static_cast<std::size_t>(size) - 4;
  if (source.read(bytes.data() + 4, rest) < rest)
    throw core::InputError(file, "sizeof_hdr", std::to_string(size),
                           "file ends inside the " + std::to_string(size) + "-byte header" + cut);
  NiftiHeader h = interpret_nifti_header(
      decode_nifti_header({bytes.data(), static_cast<std::size_t>(size)}, version, swapped), path,
      swapped);
  h.gzipped = source.gzipped();
  if (!h.gzipped) {
    const std::int64_t implied = h.vox_offset + volume_bytes(h) * h.volume_count();
    if (source.file_size() < implied)
      throw core::InputError(file, "file size", std::to_string(source.file_size()),
                             "file is " + std::to_string(source.file_size()) +
                                 " bytes, header implies " + std::to_string(implied) +
                                 " (vox_offset " + std::to_string(h.vox_offset) + " + " +
                                 std::to_string(h.volume_count()) + " volumes of " +
                                 std::to_string(volume_bytes(h)) + " bytes): truncated file");
  }
  return h;
}

}  // namespace acuroi::io::detail

namespace acuroi::io {
NiftiHeader read_nifti_header(const std::filesystem::path& path) {
  const auto source = detail::open_byte_source(path);
  return detail::read_header_from_source(*source, path);
}
}  // namespace acuroi::io
