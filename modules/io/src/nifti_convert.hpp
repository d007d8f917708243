// Private to io: tight conversion loops between stored NIfTI voxels and float.
//
//   convert_to_float(NiftiDatatype::int16, raw, n, /*swap=*/true, slope, inter, out);
//   convert_from_float(NiftiDatatype::int16, values, n, /*swap=*/false, slope, inter, raw);
#pragma once
#include <cstddef>
#include <cstdint>

#include "acuroi/io/nifti.hpp"

namespace acuroi::io::detail {

// out[i] = stored[i] * slope + inter (in double, rounded once to float); without scaling
// (slope 1, inter 0) a plain conversion. `swap` reverses each voxel's bytes first.
void convert_to_float(NiftiDatatype datatype, const std::uint8_t* raw, std::size_t count, bool swap,
                      double slope, double inter, float* out);

// stored[i] = (value[i] - inter) / slope; integer types are rounded to nearest and clamped to
// the type's range, NaN is stored as the value that reads back as 0 (clamped).
void convert_from_float(NiftiDatatype datatype, const float* values, std::size_t count, bool swap,
                        double slope, double inter, std::uint8_t* raw);

}  // namespace acuroi::io::detail
