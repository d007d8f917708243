// Region definitions mapped onto grids: spheres and unions against numpy, atlas label sets
// against nibabel's resampling, empty labels kept, the per-grid cache, errors and the hash.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "acuroi/core/error.hpp"
#include "acuroi/roi/roi_map.hpp"
#include "roi_test_support.hpp"

namespace acuroi::roi {
namespace {

using testing::read_grid;
using testing::read_indices;

// The spheres of roi_reference.py, in the same order.
const std::vector<std::pair<Eigen::Vector3d, double>> kSpheres = {{{-38.0, -4.0, 10.0}, 9.0},
                                                                  {{0.0, -52.0, 26.0}, 8.0},
                                                                  {{2.0, 2.0, 2.0}, 6.0},
                                                                  {{13.7, -21.3, 40.1}, 7.5}};

std::vector<std::int64_t> reference_label_voxels(const std::string& atlas, const std::string& grid,
                                                 const std::set<std::int32_t>& values) {
  const core::Grid g = read_grid(grid);
  const auto labels = testing::read_raw<std::int32_t>("labels_" + atlas + "_" + grid + ".i32",
                                                      static_cast<std::size_t>(g.voxel_count()));
  std::vector<std::int64_t> voxels;
  for (std::size_t v = 0; v < labels.size(); ++v) {
    if (values.count(labels[v])) voxels.push_back(static_cast<std::int64_t>(v));
  }
  return voxels;
}

TEST(Sphere, VoxelSetsEqualNumpyOnMniAndObliqueGrids) {
  for (const std::string grid : {"mni2", "obl3"}) {
    const core::Grid g = read_grid(grid);
    for (std::size_t n = 0; n < kSpheres.size(); ++n) {
      const auto ours = sphere_voxel_indices(g, kSpheres[n].first, kSpheres[n].second);
      const auto expected = read_indices("sphere_" + grid + "_" + std::to_string(n) + ".txt");
      EXPECT_FALSE(expected.empty());
      EXPECT_EQ(ours, expected) << "sphere " << n << " on " << grid;
    }
  }
}

TEST(Sphere, BoundaryIsInclusive) {
  // 2 mm voxels, centre on a voxel centre, radius 4 mm: the axis voxels 2 steps away (exactly
  // 4 mm) are in, the diagonal (5,5,4) at 2.83 mm is in, (6,5,4) at 4.47 mm is out. Offsets with
  // a^2+b^2+c^2 <= 4: 1 + 6 (one step) + 12 (two diagonal) + 8 (three diagonal) + 6 (two steps).
  core::Grid g{{9, 9, 9}, Eigen::Matrix4d::Identity()};
  g.affine.topLeftCorner<3, 3>() *= 2.0;
  const auto voxels = sphere_voxel_indices(g, g.world_of({4, 4, 4}), 4.0);
  const auto in = [&](int i, int j, int k) {
    return std::binary_search(voxels.begin(), voxels.end(), g.linear_index(i, j, k));
  };
  EXPECT_TRUE(in(6, 4, 4));
  EXPECT_TRUE(in(4, 4, 2));
  EXPECT_TRUE(in(5, 5, 4));
  EXPECT_FALSE(in(6, 5, 4));
  EXPECT_EQ(voxels.size(), 33u);
}

std::vector<RegionDefinition> insula_sphere_union() {
  return {
      {"insula", AtlasLabelRegion{testing::kAal, testing::kAalTable, {"Insula_L", "Insula_R"}, {}}},
      {"sphere0", SphereRegion{kSpheres[0].first, kSpheres[0].second}},
      {"either", UnionRegion{{"sphere0", "insula"}}}};
}

TEST(RegionSet, AtlasLabelsSphereAndUnionEqualNumpy) {
  const RegionSet regions(insula_sphere_union());
  for (const std::string grid : {"mni2", "obl3"}) {
    const auto map = regions.map_to_grid(read_grid(grid));
    ASSERT_EQ(map->names(), (std::vector<std::string>{"insula", "sphere0", "either"}));
    EXPECT_EQ(map->rois[0].voxel_indices, reference_label_voxels("aal", grid, {29, 30})) << grid;
    EXPECT_EQ(map->rois[1].voxel_indices, read_indices("sphere_" + grid + "_0.txt")) << grid;
    EXPECT_EQ(map->rois[2].voxel_indices, read_indices("union_" + grid + ".txt")) << grid;
  }
}

TEST(RegionSet, MaskRegionEqualsNibabelResampledMask) {
  const RegionSet regions({{"m", MaskRegion{testing::reference("mask.nii.gz")}}});
  const core::Grid g = read_grid("obl3");
  const auto mask = testing::read_raw<std::uint8_t>("mask_obl3.u8", g.voxel_count());
  std::vector<std::int64_t> expected;
  for (std::size_t v = 0; v < mask.size(); ++v)
    if (mask[v]) expected.push_back(static_cast<std::int64_t>(v));
  EXPECT_EQ(regions.map_to_grid(g)->rois[0].voxel_indices, expected);
}

TEST(RegionSet, AllAalLabelsKeepEmptyOnesWithZeroVoxels) {
  const RegionSet regions(atlas_label_regions(testing::kAal, testing::kAalTable));
  const auto map = regions.map_to_grid(read_grid("top"));  // a slab over the vertex
  ASSERT_EQ(map->rois.size(), 116u);
  EXPECT_EQ(map->rois.front().name, "Precentral_L");
  EXPECT_EQ(map->rois.back().name, "Vermis_10");
  const auto absent = read_indices("coarse_absent.txt");
  ASSERT_GT(absent.size(), 50u);   // most labels do not reach the vertex
  ASSERT_LT(absent.size(), 116u);  // some do
  for (std::size_t r = 0; r < 116; ++r) {
    const auto value = static_cast<std::int32_t>(r + 1);  // AAL lists values 1..116 in order
    const auto expected = reference_label_voxels("aal", "top", {value});
    EXPECT_EQ(map->rois[r].voxel_indices, expected) << map->rois[r].name;
    const bool is_absent = std::find(absent.begin(), absent.end(), value) != absent.end();
    EXPECT_EQ(map->rois[r].voxel_count() == 0, is_absent) << map->rois[r].name;
  }
}

TEST(RegionSet, HarvardOxfordWithoutTableIsNamedByValue) {
  const auto defs = atlas_label_regions(testing::kHarvardOxford);
  const auto values = read_indices("ho_values.txt");
  ASSERT_EQ(defs.size(), values.size());
  for (std::size_t d = 0; d < defs.size(); ++d) EXPECT_EQ(defs[d].name, std::to_string(values[d]));
  const RegionSet regions(defs);
  const auto map = regions.map_to_grid(read_grid("mni2"));
  EXPECT_EQ(map->rois[6].voxel_indices, reference_label_voxels("ho", "mni2", {7}));
}

TEST(RegionSet, EachGridIsMappedOnceAndSharedAcrossThreads) {
  const RegionSet regions(insula_sphere_union());
  const core::Grid g = read_grid("obl3");
  std::vector<std::shared_ptr<const RoiMap>> maps(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < maps.size(); ++i)
    threads.emplace_back([&, i] { maps[i] = regions.map_to_grid(g); });
  for (auto& t : threads) t.join();
  for (const auto& m : maps) EXPECT_EQ(m.get(), maps[0].get());
  EXPECT_EQ(regions.cached_grid_count(), 1u);
  regions.map_to_grid(read_grid("mni2"));
  EXPECT_EQ(regions.map_to_grid(g).get(), maps[0].get());
  EXPECT_EQ(regions.cached_grid_count(), 2u);
}

TEST(RegionSet, DefinitionErrorsNameTheProblem) {
  EXPECT_THROW(RegionSet({{"a", SphereRegion{{0, 0, 0}, 0.0}}}), core::ConfigError);
  EXPECT_THROW(RegionSet({{"a", SphereRegion{{0, 0, 0}, 5}}, {"a", SphereRegion{{1, 0, 0}, 5}}}),
               core::ConfigError);
  EXPECT_THROW(RegionSet({{"u", UnionRegion{{"missing"}}}}), core::ConfigError);
  EXPECT_THROW(RegionSet({{"u", UnionRegion{{"v"}}}, {"v", UnionRegion{{"u"}}}}),
               core::ConfigError);
  EXPECT_THROW(RegionSet({{"x", AtlasLabelRegion{testing::kAal, {}, {"Insula_L"}, {}}}}),
               core::ConfigError);  // names need a table
  try {
    RegionSet({{"x", AtlasLabelRegion{testing::kAal, testing::kAalTable, {"Insula_X"}, {}}}});
    FAIL() << "expected core::InputError";
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.file(), testing::kAalTable);
    EXPECT_EQ(e.value(), "Insula_X");
  }
  EXPECT_THROW(RegionSet({{"m", MaskRegion{"/nonexistent/mask.nii.gz"}}}), core::InputError);
}

TEST(RegionSet, ProvenanceHashFollowsDefinitionsAndFileContentNotPaths) {
  const std::string base = RegionSet(insula_sphere_union()).provenance_hash();
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(RegionSet(insula_sphere_union()).provenance_hash(), base);
  auto moved = insula_sphere_union();
  const auto copy = std::filesystem::path(ROI_TEST_WORK_DIR) / "aal_copy.nii.gz";
  std::filesystem::copy_file(testing::kAal, copy,
                             std::filesystem::copy_options::overwrite_existing);
  std::get<AtlasLabelRegion>(moved[0].shape).atlas_image = copy;
  const RegionSet moved_set(moved);
  EXPECT_EQ(moved_set.provenance_hash(), base);   // same bytes elsewhere: same hash
  EXPECT_EQ(moved_set.file_hashes().size(), 2u);  // atlas + table
  auto changed = insula_sphere_union();
  std::get<SphereRegion>(changed[1].shape).radius_mm = 9.5;
  EXPECT_NE(RegionSet(changed).provenance_hash(), base);
  auto other_atlas = insula_sphere_union();
  std::get<AtlasLabelRegion>(other_atlas[0].shape).atlas_image =
      testing::kTemplates + "brodmann.nii.gz";
  EXPECT_NE(RegionSet(other_atlas).provenance_hash(), base);
}

}  // namespace
}  // namespace acuroi::roi
