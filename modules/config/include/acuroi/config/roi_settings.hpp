// Settings of the `rois:` section: the atlas, the region set (in output order) and how an ROI's
// voxels reduce to one value per volume.
//
// After loading, `regions` is the final list: the preset's regions first, then the config's own
// (a config region named like a preset region replaces it in place). Every path is absolute;
// 'aal' stands for kAalAtlasPath, whose label table kAalLabelTablePath is filled in when no other
// table is given. Union members name other regions of the list (checked: they exist, no cycles).
//
//   for (const RegionSpec& r : config.rois.regions)
//     if (r.kind == RegionKind::labels)
//       use(region_atlas(config.rois, r), region_label_table(config.rois, r), r.labels.names);
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "acuroi/config/origin.hpp"

namespace acuroi::config {

inline constexpr const char* kAalAtlasPath = "/usr/share/mricron/templates/aal.nii.gz";
inline constexpr const char* kAalLabelTablePath = "/usr/share/mricron/templates/aal.nii.txt";

// Per-ROI reduction of voxel values, as nilearn's maskers name them. `std` and `var` are the
// population forms (divide by n), as numpy's defaults and nilearn.
enum class RoiStrategy { mean, median, std, var, sum, min, max };
std::string_view to_string(RoiStrategy strategy);

enum class RegionKind { labels, sphere, mask, union_of };
std::string_view to_string(RegionKind kind);  // "labels", "sphere", "mask", "union"

// The `labels:` of a label region: names are looked up in the label table; values (written as
// plain YAML integers) are used as they are.
struct RegionLabels {
  std::vector<std::string> names;
  std::vector<std::int32_t> values;
  bool empty() const { return names.empty() && values.empty(); }
  bool operator==(const RegionLabels&) const = default;
};

struct SphereSpec {
  std::array<double, 3> center_mm{0, 0, 0};  // world RAS mm (MNI for MNI-space data)
  double radius_mm = 0;                      // > 0
  bool operator==(const SphereSpec&) const = default;
};

struct RegionSpec {
  std::string name;         // unique in the list; letters, digits, '_', '-', '.'
  std::string description;  // one line; may be empty
  RegionKind kind = RegionKind::labels;
  RegionLabels labels;                // kind == labels
  std::filesystem::path atlas;        // kind == labels: own atlas; empty = rois.atlas
  std::filesystem::path label_table;  // kind == labels: own table; empty = see region_label_table
  SphereSpec sphere;                  // kind == sphere
  std::filesystem::path mask;         // kind == mask: nonzero voxels of this image
  std::vector<std::string> union_of;  // kind == union_of: names of other regions of the list
  Origin origin;                      // where the region was written (config or preset file)
  bool operator==(const RegionSpec&) const = default;
};

struct RoiSettings {
  std::filesystem::path atlas;   // label image (kAalAtlasPath for 'aal')
  std::filesystem::path labels;  // its label table; empty = none (values only)
  std::filesystem::path preset;  // the preset file whose regions come first; empty = none
  std::vector<RegionSpec> regions;
  double min_coverage = 0;  // in [0, 1]: below it an ROI's values are NaN
  RoiStrategy strategy{};
  bool operator==(const RoiSettings&) const = default;
};

// The atlas image and label table a label region uses: its own atlas (with its own table) when
// it names one, else rois.atlas with rois.labels.
std::filesystem::path region_atlas(const RoiSettings& rois, const RegionSpec& region);
std::filesystem::path region_label_table(const RoiSettings& rois, const RegionSpec& region);

}  // namespace acuroi::config
