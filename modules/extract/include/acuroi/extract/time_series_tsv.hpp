// ROI time series as BIDS-style TSV text: a header row of ROI names (RoiMap order), one row per
// volume, tab-separated; numbers in the shortest text that reads back to the same double
// (io::format_number), NaN as `n/a`. "\n" line ends.
//
//   std::string text = roi_time_series_tsv(series);
//   core::write_text_atomically("sub-01_timeseries.tsv", text);
#pragma once
#include <string>

#include "acuroi/extract/extract.hpp"

namespace acuroi::extract {

// Throws core::InputError if an ROI name contains a tab or line break (not representable).
std::string roi_time_series_tsv(const RoiTimeSeries& series);

}  // namespace acuroi::extract
