// Settings of the `extraction:` section: how ROI signals are extracted from the BOLD runs.
//
//   const ExtractionSettings& e = config.extraction;
//   int workers = e.threads == 0 ? hardware_threads() : e.threads;
#pragma once

namespace acuroi::config {

struct ExtractionSettings {
  int threads = 0;  // worker threads; 0 = all cores
  bool operator==(const ExtractionSettings&) const = default;
};

}  // namespace acuroi::config
