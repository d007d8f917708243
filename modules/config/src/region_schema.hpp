// The schema of one region record (an item of rois.regions or of a preset's regions), the
// schema of a preset file, and the checks of a whole region set (names, unions, cycles).
//
//   const RecordSchema& item = region_schema();
//   std::vector<RegionSpec> preset = load_preset(path, where_the_config_names_it);
#pragma once
#include <vector>

#include "acuroi/config/roi_settings.hpp"
#include "schema_builder.hpp"

namespace acuroi::config::detail {

const EnumNames<RoiStrategy>& roi_strategy_names();
const RecordSchema& region_schema();

// Reads a preset file (`regions:` and an optional `description:`). Paths in it are relative to
// its folder; errors in it name it. `named_at` is where the config names it (for a missing file).
std::vector<RegionSpec> load_preset(const std::filesystem::path& preset, const Site& named_at);

// Region names are unique within `regions` (else an error at the second one).
void check_unique_names(const std::vector<RegionSpec>& regions);
// Preset regions first; a config region with a preset region's name replaces it in place.
std::vector<RegionSpec> merge_regions(std::vector<RegionSpec> preset,
                                      const std::vector<RegionSpec>& own);
// Union members name regions of the list, not the union itself, without cycles.
void check_unions(const std::vector<RegionSpec>& regions);

}  // namespace acuroi::config::detail
