#include "nifti_datatype.hpp"

#include <array>

namespace acuroi::io::detail {

namespace {
constexpr std::array<DatatypeInfo, 9> supported{{
    {NiftiDatatype::uint8, "uint8", 8},
    {NiftiDatatype::int8, "int8", 8},
    {NiftiDatatype::int16, "int16", 16},
    {NiftiDatatype::uint16, "uint16", 16},
    {NiftiDatatype::int32, "int32", 32},
    {NiftiDatatype::uint32, "uint32", 32},
    {NiftiDatatype::int64, "int64", 64},
    {NiftiDatatype::float32, "float32", 32},
    {NiftiDatatype::float64, "float64", 64},
}};
}  // namespace

const DatatypeInfo* find_datatype(int code) {
  for (const DatatypeInfo& info : supported)
    if (static_cast<int>(info.datatype) == code) return &info;
  return nullptr;
}

std::string datatype_code_name(int code) {
  if (const DatatypeInfo* info = find_datatype(code)) return info->name;
  switch (code) {
    case 0:
      return "unknown";
    case 1:
      return "binary";
    case 32:
      return "complex64";
    case 128:
      return "rgb24";
    case 255:
      return "all";
    case 1280:
      return "uint64";
    case 1536:
      return "float128";
    case 1792:
      return "complex128";
    case 2048:
      return "complex256";
    case 2304:
      return "rgba32";
    default:
      return "unknown";
  }
}

std::string supported_datatype_names() {
  std::string names;
  for (const DatatypeInfo& info : supported) {
    if (!names.empty()) names += ", ";
    names += info.name;
  }
  return names;
}

}  // namespace acuroi::io::detail

namespace acuroi::io {
std::string nifti_datatype_name(NiftiDatatype datatype) {
  const int code = static_cast<int>(datatype);
  if (const detail::DatatypeInfo* info = detail::find_datatype(code)) return info->name;
  return "code " + std::to_string(code);
}
}  // namespace acuroi::io
