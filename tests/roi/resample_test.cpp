// World-space nearest-neighbour resampling of the REAL atlases (AAL: RAS; Harvard-Oxford: LAS)
// against nibabel.processing.resample_from_to(order=0), voxel for voxel, on the FSL MNI 2 mm grid
// (LAS), an oblique 3 mm grid, and a 4 mm grid whose centres fall exactly on rounding ties.
#include <gtest/gtest.h>

#include <fstream>

#include "acuroi/io/nifti.hpp"
#include "acuroi/roi/resample.hpp"
#include "roi_test_support.hpp"

namespace acuroi::roi {
namespace {

using testing::read_grid;
using testing::read_raw;

struct Case {
  std::string atlas_key, atlas_path, grid;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.atlas_key << " on " << c.grid; }

class ResampleAtlas : public ::testing::TestWithParam<Case> {};

TEST_P(ResampleAtlas, EqualsNibabelVoxelForVoxel) {
  const Case& c = GetParam();
  const core::Grid target = read_grid(c.grid);
  const core::Volume<float> atlas = io::read_nifti_volume(c.atlas_path);
  const core::Volume<std::int32_t> ours = resample_labels_nearest(atlas, target);
  const auto expected = read_raw<std::int32_t>("labels_" + c.atlas_key + "_" + c.grid + ".i32",
                                               static_cast<std::size_t>(target.voxel_count()));
  ASSERT_EQ(ours.data.size(), expected.size());
  EXPECT_TRUE(ours.grid.same_as(target, 0.0));
  std::int64_t differing = 0, labelled = 0;
  for (std::size_t v = 0; v < expected.size(); ++v) {
    differing += ours.data[v] != expected[v];
    labelled += expected[v] != 0;
  }
  EXPECT_EQ(differing, 0) << c.atlas_key << " on " << c.grid;
  EXPECT_GT(labelled, 50) << "the grid must actually cut through the atlas";
}

INSTANTIATE_TEST_SUITE_P(RealAtlases, ResampleAtlas,
                         ::testing::Values(Case{"aal", testing::kAal, "mni2"},
                                           Case{"aal", testing::kAal, "obl3"},
                                           Case{"aal", testing::kAal, "top"},
                                           Case{"ho", testing::kHarvardOxford, "mni2"},
                                           Case{"ho", testing::kHarvardOxford, "obl3"},
                                           Case{"ho", testing::kHarvardOxford, "top"}),
                         [](const auto& info) {
                           return info.param.atlas_key + "_" + info.param.grid;
                         });

TEST(Resample, ObliqueGridHasNoNearTies) {
  // Equality on the oblique grid must not hinge on a coordinate within rounding error of x.5.
  read_grid("obl3");
  std::ifstream in(testing::reference("margins.txt"));
  double margin = 0;
  in >> margin;
  EXPECT_GT(margin, 1e-9);
}

TEST(Resample, MaskWithNanAndNegativeValuesEqualsNibabel) {
  const core::Volume<float> mask = io::read_nifti_volume(testing::reference("mask.nii.gz"));
  for (const std::string grid : {"mni2", "obl3"}) {
    const core::Grid target = read_grid(grid);
    const auto ours = resample_mask_nearest(mask, target);
    const auto expected = read_raw<std::uint8_t>("mask_" + grid + ".u8",
                                                 static_cast<std::size_t>(target.voxel_count()));
    std::int64_t differing = 0, inside = 0;
    for (std::size_t v = 0; v < expected.size(); ++v) {
      differing += ours.data[v] != expected[v];
      inside += expected[v];
    }
    EXPECT_EQ(differing, 0) << grid;
    EXPECT_GT(inside, 1000) << grid;
  }
}

TEST(Resample, DomainIsVoxelCentresAndTiesRoundUp) {
  // A 1-D check of the documented rule on a 4-voxel source: centres 0..3 span the domain.
  core::Volume<float> source{core::Grid{{4, 1, 1}, Eigen::Matrix4d::Identity()}, {1, 2, 3, 4}};
  core::Grid target{{8, 1, 1}, Eigen::Matrix4d::Identity()};
  target.affine(0, 0) = 0.5;
  target.affine(0, 3) = -0.5;  // centres at -0.5, 0, 0.5, ..., 3.0
  const auto out = resample_labels_nearest(source, target);
  // scipy.ndimage.map_coordinates(order=0, mode='constant') gives 0 1 2 2 3 3 4 4 here.
  EXPECT_EQ(out.data, (std::vector<std::int32_t>{0, 1, 2, 2, 3, 3, 4, 4}));
}

}  // namespace
}  // namespace acuroi::roi
