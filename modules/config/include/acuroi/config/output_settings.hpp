// Settings of the `output:` section: where results go and in which forms.
//
//   const OutputSettings& o = config.output;
//   std::filesystem::path shard = o.dir / ("sub-" + label + ".h5");   // dir is absolute
#pragma once
#include <filesystem>

namespace acuroi::config {

struct OutputSettings {
  std::filesystem::path dir;  // output folder (absolute; relative in YAML = to the config's folder)
  bool write_tsv = false;     // also write BIDS-style TSV + JSON next to the HDF5 files
  bool operator==(const OutputSettings&) const = default;
};

}  // namespace acuroi::config
