// Maps prepared regions onto one grid: each distinct atlas/mask image is resampled once here.
#include <algorithm>
#include <unordered_map>

#include "acuroi/roi/resample.hpp"
#include "prepared_regions.hpp"

namespace acuroi::roi::detail {

namespace {

using VoxelList = std::vector<std::int64_t>;

// Voxels of the grid per label value of an atlas (each list ascending).
using LabelBuckets = std::unordered_map<std::int32_t, VoxelList>;

LabelBuckets bucket_labels(const core::Volume<float>& atlas, const core::Grid& grid) {
  const core::Volume<std::int32_t> labels = resample_labels_nearest(atlas, grid);
  LabelBuckets buckets;
  for (std::int64_t v = 0; v < static_cast<std::int64_t>(labels.data.size()); ++v) {
    if (labels.data[v] != 0) buckets[labels.data[v]].push_back(v);
  }
  return buckets;
}

VoxelList mask_voxels(const core::Volume<float>& mask, const core::Grid& grid) {
  const core::Volume<std::uint8_t> on_grid = resample_mask_nearest(mask, grid);
  VoxelList voxels;
  for (std::int64_t v = 0; v < static_cast<std::int64_t>(on_grid.data.size()); ++v) {
    if (on_grid.data[v]) voxels.push_back(v);
  }
  return voxels;
}

VoxelList sorted_union(std::vector<const VoxelList*> parts) {
  VoxelList all;
  for (const VoxelList* part : parts) all.insert(all.end(), part->begin(), part->end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

}  // namespace

RoiMap build_roi_map(const PreparedRegions& p, const core::Grid& grid) {
  std::map<std::string, LabelBuckets> atlas_buckets;  // resampled once per image on this grid
  std::map<std::string, VoxelList> mask_lists;
  std::vector<VoxelList> voxels(p.definitions.size());
  static const VoxelList no_voxels;
  for (std::size_t d : p.evaluation_order) {
    const RegionShape& shape = p.definitions[d].shape;
    if (const auto* atlas = std::get_if<AtlasLabelRegion>(&shape)) {
      const std::string key = atlas->atlas_image.string();
      auto found = atlas_buckets.find(key);
      if (found == atlas_buckets.end()) {
        found = atlas_buckets.emplace(key, bucket_labels(p.images.at(key), grid)).first;
      }
      std::vector<const VoxelList*> parts;
      for (std::int32_t value : p.label_values[d]) {
        const auto bucket = found->second.find(value);
        parts.push_back(bucket == found->second.end() ? &no_voxels : &bucket->second);
      }
      voxels[d] = parts.size() == 1 ? *parts.front() : sorted_union(parts);
    } else if (const auto* sphere = std::get_if<SphereRegion>(&shape)) {
      voxels[d] = sphere_voxel_indices(grid, sphere->centre_mm, sphere->radius_mm);
    } else if (const auto* mask = std::get_if<MaskRegion>(&shape)) {
      const std::string key = mask->mask_image.string();
      auto found = mask_lists.find(key);
      if (found == mask_lists.end()) {
        found = mask_lists.emplace(key, mask_voxels(p.images.at(key), grid)).first;
      }
      voxels[d] = found->second;
    } else {
      std::vector<const VoxelList*> parts;
      for (std::size_t member : p.union_members[d]) parts.push_back(&voxels[member]);
      voxels[d] = sorted_union(parts);
    }
  }
  RoiMap map;
  map.grid = grid;
  map.rois.reserve(p.definitions.size());
  for (std::size_t d = 0; d < p.definitions.size(); ++d) {
    map.rois.push_back({p.definitions[d].name, std::move(voxels[d])});
  }
  return map;
}

}  // namespace acuroi::roi::detail
