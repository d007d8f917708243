// The `output:` section: where results go.
#include "config_schema.hpp"

namespace acuroi::config::detail {

void declare_output_section(ConfigSection& root) {
  auto output = root.section("output", &Config::output, "Where results go and in which forms.");
  output
      .field("dir", &OutputSettings::dir, "acuroi-out",
             "output folder (one HDF5 file per participant, group results, report)")
      .check("", path_set_problem);
  output.field("write_tsv", &OutputSettings::write_tsv, true,
               "also write BIDS-style TSV tables with JSON sidecars");
}

}  // namespace acuroi::config::detail
