// Internal: region definitions checked and resolved, with their images and tables in memory.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "acuroi/core/volume.hpp"
#include "acuroi/roi/label_table.hpp"
#include "acuroi/roi/roi_map.hpp"

namespace acuroi::roi::detail {

struct PreparedRegions {
  std::vector<RegionDefinition> definitions;
  // Per definition: the label values selected (AtlasLabelRegion; sorted unique), else empty.
  std::vector<std::vector<std::int32_t>> label_values;
  // Per definition: indices of the direct members (UnionRegion), else empty.
  std::vector<std::vector<std::size_t>> union_members;
  // Definitions in an order where every union comes after its members.
  std::vector<std::size_t> evaluation_order;
  std::map<std::string, core::Volume<float>> images;  // atlas and mask images by path as given
  std::map<std::string, LabelTable> tables;           // by path as given
  std::map<std::string, std::string> file_hashes;     // path as given -> sha256
  std::string provenance_hash;
};

PreparedRegions prepare_regions(std::vector<RegionDefinition> definitions);

RoiMap build_roi_map(const PreparedRegions& prepared, const core::Grid& grid);

}  // namespace acuroi::roi::detail
