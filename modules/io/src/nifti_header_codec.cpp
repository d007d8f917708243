// NIfTI-1 and NIfTI-2 header layouts. One visitor per version lists every field with its byte
// offset and on-disk type; the same visitor decodes (Reader) and encodes (Writer).
#include "nifti_header_codec.hpp"

#include <algorithm>

namespace acuroi::io::detail {

namespace {

struct Reader {
  const std::uint8_t* bytes;
  bool swap;
  template <class Disk, class Member>
  void field(std::size_t offset, Member& member) {
    Disk v;
    std::memcpy(&v, bytes + offset, sizeof(Disk));
    if (swap) v = byte_swapped(v);
    member = static_cast<Member>(v);
  }
  void text(std::size_t offset, std::size_t size, std::string& member) {
    const char* p = reinterpret_cast<const char*>(bytes + offset);
    member.assign(p, std::find(p, p + size, '\0'));
  }
  void chars(std::size_t offset, std::size_t size, std::array<char, 8>& member) {
    member.fill('\0');
    std::memcpy(member.data(), bytes + offset, size);
  }
};

struct Writer {
  std::uint8_t* bytes;
  bool swap;
  template <class Disk, class Member>
  void field(std::size_t offset, const Member& member) {
    Disk v = static_cast<Disk>(member);
    if (swap) v = byte_swapped(v);
    std::memcpy(bytes + offset, &v, sizeof(Disk));
  }
  void text(std::size_t offset, std::size_t size, const std::string& member) {
    std::memset(bytes + offset, 0, size);
    std::memcpy(bytes + offset, member.data(), std::min(member.size(), size - 1));
  }
  void chars(std::size_t offset, std::size_t size, const std::array<char, 8>& member) {
    std::memcpy(bytes + offset, member.data(), size);
  }
};

template <class IO, class Fields>
void visit_nifti1(IO& io, Fields& f) {
  for (int i = 0; i < 8; ++i) io.template field<std::int16_t>(40 + 2 * i, f.dim[i]);
  for (int i = 0; i < 3; ++i) io.template field<float>(56 + 4 * i, f.intent_p[i]);
  io.template field<std::int16_t>(68, f.intent_code);
  io.template field<std::int16_t>(70, f.datatype);
  io.template field<std::int16_t>(72, f.bitpix);
  io.template field<std::int16_t>(74, f.slice_start);
  for (int i = 0; i < 8; ++i) io.template field<float>(76 + 4 * i, f.pixdim[i]);
  io.template field<float>(108, f.vox_offset);
  io.template field<float>(112, f.scl_slope);
  io.template field<float>(116, f.scl_inter);
  io.template field<std::int16_t>(120, f.slice_end);
  io.template field<std::uint8_t>(122, f.slice_code);
  io.template field<std::uint8_t>(123, f.xyzt_units);
  io.template field<float>(124, f.cal_max);
  io.template field<float>(128, f.cal_min);
  io.template field<float>(132, f.slice_duration);
  io.template field<float>(136, f.toffset);
  io.text(148, 80, f.descrip);
  io.text(228, 24, f.aux_file);
  io.template field<std::int16_t>(252, f.qform_code);
  io.template field<std::int16_t>(254, f.sform_code);
  io.template field<float>(256, f.quatern_b);
  io.template field<float>(260, f.quatern_c);
  io.template field<float>(264, f.quatern_d);
  io.template field<float>(268, f.qoffset_x);
  io.template field<float>(272, f.qoffset_y);
  io.template field<float>(276, f.qoffset_z);
  for (int i = 0; i < 4; ++i) io.template field<float>(280 + 4 * i, f.srow_x[i]);
  for (int i = 0; i < 4; ++i) io.template field<float>(296 + 4 * i, f.srow_y[i]);
  for (int i = 0; i < 4; ++i) io.template field<float>(312 + 4 * i, f.srow_z[i]);
  io.text(328, 16, f.intent_name);
  io.template field<std::uint8_t>(39, f.dim_info);
  io.chars(344, 4, f.magic);
}

template <class IO, class Fields>
void visit_nifti2(IO& io, Fields& f) {
  io.chars(4, 8, f.magic);
  io.template field<std::int16_t>(12, f.datatype);
  io.template field<std::int16_t>(14, f.bitpix);
  for (int i = 0; i < 8; ++i) io.template field<std::int64_t>(16 + 8 * i, f.dim[i]);
  for (int i = 0; i < 3; ++i) io.template field<double>(80 + 8 * i, f.intent_p[i]);
  for (int i = 0; i < 8; ++i) io.template field<double>(104 + 8 * i, f.pixdim[i]);
  io.template field<std::int64_t>(168, f.vox_offset);
  io.template field<double>(176, f.scl_slope);
  io.template field<double>(184, f.scl_inter);
  io.template field<double>(192, f.cal_max);
  io.template field<double>(200, f.cal_min);
  io.template field<double>(208, f.slice_duration);
  io.template field<double>(216, f.toffset);
  io.template field<std::int64_t>(224, f.slice_start);
  io.template field<std::int64_t>(232, f.slice_end);
  io.text(240, 80, f.descrip);
  io.text(320, 24, f.aux_file);
  io.template field<std::int32_t>(344, f.qform_code);
  io.template field<std::int32_t>(348, f.sform_code);
  io.template field<double>(352, f.quatern_b);
  io.template field<double>(360, f.quatern_c);
  io.template field<double>(368, f.quatern_d);
  io.template field<double>(376, f.qoffset_x);
  io.template field<double>(384, f.qoffset_y);
  io.template field<double>(392, f.qoffset_z);
  for (int i = 0; i < 4; ++i) io.template field<double>(400 + 8 * i, f.srow_x[i]);
  for (int i = 0; i < 4; ++i) io.template field<double>(432 + 8 * i, f.srow_y[i]);
  for (int i = 0; i < 4; ++i) io.template field<double>(464 + 8 * i, f.srow_z[i]);
  io.template field<std::int32_t>(496, f.slice_code);
  io.template field<std::int32_t>(500, f.xyzt_units);
  io.template field<std::int32_t>(504, f.intent_code);
  io.text(508, 16, f.intent_name);
  io.template field<std::uint8_t>(524, f.dim_info);
}

}  // namespace

int nifti_header_size(std::span<const std::uint8_t> first4, int& version, bool& swapped) {
  std::int32_t size = 0;
  std::memcpy(&size, first4.data(), 4);
  for (const bool swap : {false, true}) {
    const std::int32_t s = swap ? byte_swapped(size) : size;
    if (s == nifti1_header_bytes || s == nifti2_header_bytes) {
      version = s == nifti1_header_bytes ? 1 : 2;
      swapped = swap;
      return s;
    }
  }
  return 0;
}

NiftiRawFields decode_nifti_header(std::span<const std::uint8_t> bytes, int version, bool swapped) {
  NiftiRawFields f;
  f.version = version;
  Reader reader{bytes.data(), swapped};
  if (version == 1)
    visit_nifti1(reader, f);
  else
    visit_nifti2(reader, f);
  return f;
}

std::vector<std::uint8_t> encode_nifti_header(const NiftiRawFields& raw, bool swap) {
  const int size = raw.version == 1 ? nifti1_header_bytes : nifti2_header_bytes;
  std::vector<std::uint8_t> bytes(size, 0);
  Writer writer{bytes.data(), swap};
  writer.field<std::int32_t>(0, size);
  if (raw.version == 1) {
    writer.field<std::uint8_t>(38, 'r');  // "regular", as nibabel and FSL write
    visit_nifti1(writer, raw);
  } else {
    visit_nifti2(writer, raw);
  }
  return bytes;
}

}  // namespace acuroi::io::detail
