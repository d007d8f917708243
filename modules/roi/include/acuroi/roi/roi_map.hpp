// RegionSet: a list of region definitions, validated, with its atlases, tables and masks loaded
// once. map_to_grid() maps every region onto a data grid in world space and returns, per region,
// the sorted linear voxel indices (NIfTI order) on that grid. Each distinct grid is mapped ONCE
// and cached (thread-safe; concurrent callers for the same grid wait for the one computation).
// Cache keys are exact (dims and affine bit for bit), so results never depend on call order.
//
// Contract: ROI order = definition order. An ROI that covers no voxel on a grid is kept with
// voxel_count 0 (extraction records it as NaN with a reason); nothing is dropped.
//
//   RegionSet regions(atlas_label_regions("aal.nii.gz", "aal.nii.txt"));
//   std::shared_ptr<const RoiMap> rois = regions.map_to_grid(bold.grid());
//   for (const Roi& r : rois->rois) use(r.name, r.voxel_indices);
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "acuroi/core/grid.hpp"
#include "acuroi/roi/region.hpp"

namespace acuroi::roi {

struct Roi {
  std::string name;
  std::vector<std::int64_t> voxel_indices;  // sorted ascending, unique, linear on RoiMap::grid
  std::int64_t voxel_count() const { return static_cast<std::int64_t>(voxel_indices.size()); }
};

struct RoiMap {
  core::Grid grid;
  std::vector<Roi> rois;  // definition order
  std::vector<std::string> names() const;
};

class RegionSet {
 public:
  // Validates (unique non-empty names; existing union members without cycles; spheres with a
  // finite positive radius; label selections that are non-empty and whose names exist in the
  // table), reads every atlas, table and mask once, and hashes the files. Throws
  // core::InputError (files, label names) or core::ConfigError (the definitions themselves).
  explicit RegionSet(std::vector<RegionDefinition> definitions);
  ~RegionSet();
  RegionSet(RegionSet&&) noexcept;
  RegionSet& operator=(RegionSet&&) noexcept;

  const std::vector<RegionDefinition>& definitions() const;
  std::vector<std::string> names() const;

  std::shared_ptr<const RoiMap> map_to_grid(const core::Grid& grid) const;
  std::size_t cached_grid_count() const;  // how many grids were mapped (computed) so far

  // SHA-256 over the canonical definitions and the SHA-256 of every atlas/table/mask file.
  const std::string& provenance_hash() const;
  // path as given -> SHA-256 of the file's bytes, for every file the definitions use.
  const std::map<std::string, std::string>& file_hashes() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Voxels of `grid` whose centre lies within `radius_mm` of `centre_mm` (|x - c|^2 <= r^2, world
// mm).
std::vector<std::int64_t> sphere_voxel_indices(const core::Grid& grid,
                                               const Eigen::Vector3d& centre_mm, double radius_mm);

}  // namespace acuroi::roi
