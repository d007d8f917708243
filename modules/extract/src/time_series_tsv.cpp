#include "acuroi/extract/time_series_tsv.hpp"

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::extract {

std::string roi_time_series_tsv(const RoiTimeSeries& series) {
  std::string text;
  for (std::size_t r = 0; r < series.roi_names.size(); ++r) {
    const std::string& name = series.roi_names[r];
    if (name.find_first_of("\t\r\n") != std::string::npos) {
      throw core::InputError("ROI " + std::to_string(r + 1), "name", name,
                             "an ROI name with a tab or line break cannot be a TSV column");
    }
    if (r) text += '\t';
    text += name;
  }
  text += '\n';
  for (Eigen::Index t = 0; t < series.values.rows(); ++t) {
    for (Eigen::Index r = 0; r < series.values.cols(); ++r) {
      if (r) text += '\t';
      text += io::format_number(series.values(t, r));
    }
    text += '\n';
  }
  return text;
}

}  // namespace acuroi::extract
