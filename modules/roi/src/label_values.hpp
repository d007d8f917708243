// Internal: the distinct nonzero label values of an atlas image (rounded like resampling does).
#pragma once
#include <cstdint>
#include <vector>

#include "acuroi/core/volume.hpp"

namespace acuroi::roi::detail {

// Ascending. Fast on label images: the value is only converted when it changes along the scan.
std::vector<std::int32_t> distinct_nonzero_labels(const core::Volume<float>& image);

}  // namespace acuroi::roi::detail
