// Region definitions: what an ROI is, before it meets a data grid. Plain structs, no YAML (the
// config module builds them). Coordinates are world RAS millimetres (MNI for MNI-space data).
//
//   AtlasLabelRegion  labels of an atlas image, chosen by name (needs a label table) and/or value
//   SphereRegion      voxel centres within radius_mm of centre_mm (distance <= radius, inclusive)
//   MaskRegion        voxels where a mask image is nonzero after nearest-neighbour resampling
//   UnionRegion       the union of other regions of the same definition list, named
//
//   std::vector<RegionDefinition> defs = {
//       {"insula_L", AtlasLabelRegion{"aal.nii.gz", "aal.nii.txt", {"Insula_L"}, {}}},
//       {"pcc", SphereRegion{{0, -52, 26}, 8}}, {"dmn", UnionRegion{{"pcc", "insula_L"}}}};
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace acuroi::roi {

struct AtlasLabelRegion {
  std::filesystem::path atlas_image;       // integer label image, any grid or orientation
  std::filesystem::path label_table;       // dseg.tsv or mricron .txt; empty = none
  std::vector<std::string> label_names;    // looked up in the table
  std::vector<std::int32_t> label_values;  // used as given (a value absent from the image
                                           // gives an ROI with 0 voxels, not an error)
};

struct SphereRegion {
  Eigen::Vector3d centre_mm{0, 0, 0};
  double radius_mm = 0;
};

struct MaskRegion {
  std::filesystem::path mask_image;
};

struct UnionRegion {
  std::vector<std::string> region_names;  // other regions of the same definition list
};

using RegionShape = std::variant<AtlasLabelRegion, SphereRegion, MaskRegion, UnionRegion>;

struct RegionDefinition {
  std::string name;
  RegionShape shape;
};

// One region per label of an atlas, in table order (background 0 skipped), named from the
// table; without a table, one per distinct nonzero value of the image, ascending, named by value
// (the image is read only in that case). Values present in the image but missing from the table
// are logged as a warning when the RegionSet is built.
std::vector<RegionDefinition> atlas_label_regions(const std::filesystem::path& atlas_image,
                                                  const std::filesystem::path& label_table = {});

// A canonical one-line text of a definition (kind and parameters, doubles round-trip exact),
// used in hashes; file paths appear as given.
std::string describe_region(const RegionDefinition& definition);

}  // namespace acuroi::roi
