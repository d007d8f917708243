// Private to io: the NIfTI-1 (348-byte) and NIfTI-2 (540-byte) header layouts, decoded to and
// encoded from one version-neutral set of raw fields (wide types; no validation here).
//
//   int version; bool swapped;
//   int size = nifti_header_size(first_four_bytes, version, swapped);   // 348, 540 or 0
//   NiftiRawFields raw = decode_nifti_header(bytes, version, swapped);
//   std::vector<std::uint8_t> out = encode_nifti_header(raw, /*swap=*/false);
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace acuroi::io::detail {

inline constexpr int nifti1_header_bytes = 348;
inline constexpr int nifti2_header_bytes = 540;

struct NiftiRawFields {
  int version = 1;
  std::array<char, 8> magic{};
  std::array<std::int64_t, 8> dim{};
  std::array<double, 8> pixdim{};
  std::array<double, 3> intent_p{};
  int intent_code = 0;
  int datatype = 0, bitpix = 0;
  std::int64_t slice_start = 0, slice_end = 0;
  double vox_offset = 0;  // float in NIfTI-1 (integral in valid files), int64 in NIfTI-2
  double scl_slope = 0, scl_inter = 0;
  int slice_code = 0, xyzt_units = 0, dim_info = 0;
  double cal_max = 0, cal_min = 0, slice_duration = 0, toffset = 0;
  std::string descrip, aux_file, intent_name;
  int qform_code = 0, sform_code = 0;
  double quatern_b = 0, quatern_c = 0, quatern_d = 0;
  double qoffset_x = 0, qoffset_y = 0, qoffset_z = 0;
  std::array<double, 4> srow_x{}, srow_y{}, srow_z{};
};

// From the first four bytes (sizeof_hdr): 348 or 540 and whether the file is byte-swapped;
// 0 if neither byte order gives a NIfTI header size.
int nifti_header_size(std::span<const std::uint8_t> first4, int& version, bool& swapped);

NiftiRawFields decode_nifti_header(std::span<const std::uint8_t> bytes, int version, bool swapped);

// 348 or 540 bytes (without the 4-byte extension flag), in native order or swapped.
std::vector<std::uint8_t> encode_nifti_header(const NiftiRawFields& raw, bool swap);

template <class T>
T byte_swapped(T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  unsigned char b[sizeof(T)];
  std::memcpy(b, &value, sizeof(T));
  for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
  std::memcpy(&value, b, sizeof(T));
  return value;
}

}  // namespace acuroi::io::detail
