#include "acuroi/core/grid.hpp"

#include <gtest/gtest.h>

using acuroi::core::Grid;

namespace {
Grid mni_2mm() {
  Grid g;
  g.dims = {91, 109, 91};
  g.affine << -2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1;
  return g;
}
}  // namespace

TEST(Grid, WorldAndIndexAreInverse) {
  const Grid g = mni_2mm();
  const Eigen::Vector3d mm = g.world_of({45, 63, 36});
  EXPECT_NEAR(mm.x(), 0.0, 1e-12);
  EXPECT_NEAR(mm.y(), 0.0, 1e-12);
  EXPECT_NEAR(mm.z(), 0.0, 1e-12);
  const Eigen::Vector3d ijk = g.index_of({10, -20, 30});
  EXPECT_TRUE(g.world_of(ijk).isApprox(Eigen::Vector3d(10, -20, 30), 1e-12));
}

TEST(Grid, VoxelSizeAndVolume) {
  const Grid g = mni_2mm();
  EXPECT_TRUE(g.voxel_size_mm().isApprox(Eigen::Vector3d(2, 2, 2)));
  EXPECT_DOUBLE_EQ(g.voxel_volume_mm3(), 8.0);
  EXPECT_EQ(g.voxel_count(), 91 * 109 * 91);
  EXPECT_EQ(g.linear_index(1, 2, 3), 1 + 91 * (2 + 109 * 3));
}

TEST(Grid, SameAsComparesDimsAndAffine) {
  const Grid a = mni_2mm();
  Grid b = a;
  EXPECT_TRUE(a.same_as(b));
  b.affine(0, 3) += 0.5;
  EXPECT_FALSE(a.same_as(b));
  b = a;
  b.dims[2] = 90;
  EXPECT_FALSE(a.same_as(b));
  EXPECT_NE(a.describe().find("91x109x91"), std::string::npos);
}
