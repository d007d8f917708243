// Private to io: the NIfTI datatype codes acuroi reads and writes, their sizes and names.
//
//   const DatatypeInfo* info = find_datatype(16);   // float32, 32 bits; nullptr if unsupported
//   std::string name = datatype_code_name(32);      // "complex64"
#pragma once
#include <string>

#include "acuroi/io/nifti.hpp"

namespace acuroi::io::detail {

struct DatatypeInfo {
  NiftiDatatype datatype;
  const char* name;
  int bitpix;
};

// nullptr for codes acuroi does not read (complex, RGB, float128, unknown codes).
const DatatypeInfo* find_datatype(int code);

// The NIfTI name of any standard code ("complex64", "rgb24"), or "unknown".
std::string datatype_code_name(int code);

// "uint8, int8, ..." for error messages.
std::string supported_datatype_names();

}  // namespace acuroi::io::detail
