// The `extraction:` section: how ROI signals are extracted.
#include "config_schema.hpp"

namespace acuroi::config::detail {

void declare_extraction_section(ConfigSection& root) {
  auto extraction = root.section("extraction", &Config::extraction,
                                 "Extraction of ROI signals from the BOLD runs.");
  extraction
      .field("threads", &ExtractionSettings::threads, 0,
             "worker threads; 0 = all cores (results are identical for any count)")
      .range(0, 1024);
}

}  // namespace acuroi::config::detail
