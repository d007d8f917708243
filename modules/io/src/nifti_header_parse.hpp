// Private to io: validating a decoded NIfTI header and choosing its affine (nibabel's rules).
//
//   auto source = open_byte_source(path);
//   NiftiHeader h = read_header_from_source(*source, path);   // source now at the header's end
//   source->skip(h.vox_offset - header_bytes(h));
#pragma once
#include <filesystem>
#include <string>

#include "acuroi/io/nifti.hpp"
#include "nifti_byte_source.hpp"
#include "nifti_header_codec.hpp"

namespace acuroi::io::detail {

// Reads sizeof_hdr and the rest of the 348/540-byte header from `source` and validates it.
// For uncompressed files also checks that the file holds vox_offset + all voxel data.
NiftiHeader read_header_from_source(ByteSource& source, const std::filesystem::path& path);

// Validates raw fields and builds the header (dims, datatype, scaling, affine).
NiftiHeader interpret_nifti_header(const NiftiRawFields& raw, const std::filesystem::path& path,
                                   bool swapped);

inline std::int64_t header_bytes(const NiftiHeader& h) {
  return h.version == 1 ? nifti1_header_bytes : nifti2_header_bytes;
}
inline std::int64_t volume_bytes(const NiftiHeader& h) {
  return h.grid.voxel_count() * h.bytes_per_voxel();
}

// The stored bytes are already the output floats (float32, native order, no scaling).
inline bool stored_as_output_floats(const NiftiHeader& h) {
  return h.datatype == NiftiDatatype::float32 && !h.byte_swapped && h.scl_slope == 1.0 &&
         h.scl_inter == 0.0;
}

// Shortest text that reads back as the same double ("352", "0.5", "nan").
std::string format_number(double value);

}  // namespace acuroi::io::detail
