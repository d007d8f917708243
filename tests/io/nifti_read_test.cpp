// Reading every nibabel-written case (all datatypes, byte orders, .nii/.nii.gz, NIfTI-1/2,
// scaling, sform/qform/base affines, 2D-5D) and comparing with what nibabel reads.
#include <gtest/gtest.h>

#include <cmath>

#include "acuroi/io/nifti.hpp"
#include "nifti_test_support.hpp"

namespace acuroi::io {
namespace {

using testing::Case;
using testing::cases_dir;

bool is_integer(NiftiDatatype t) {
  return t != NiftiDatatype::float32 && t != NiftiDatatype::float64;
}

// Integers without scaling must match exactly (as float); everything else to 1e-6 relative.
void expect_volume_matches(const NiftiHeader& h, std::span<const float> ours,
                           const double* reference, const std::string& what) {
  const bool exact = is_integer(h.datatype) && h.scl_slope == 1.0 && h.scl_inter == 0.0;
  int failures = 0;
  for (std::size_t i = 0; i < ours.size() && failures < 5; ++i) {
    const double ref = reference[i];
    const bool ok = exact ? ours[i] == static_cast<float>(ref)
                          : std::fabs(ours[i] - ref) <= 1e-6 * std::fabs(ref) + 1e-30;
    if (!ok) {
      ++failures;
      ADD_FAILURE() << what << " voxel " << i << ": ours " << ours[i] << ", nibabel " << ref;
    }
  }
}

void expect_affine_matches(const Eigen::Matrix4d& ours, const std::vector<double>& reference,
                           const std::string& what) {
  ASSERT_EQ(reference.size(), 16u) << what;
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c)
      EXPECT_NEAR(ours(r, c), reference[4 * r + c], 1e-9)
          << what << " affine(" << r << "," << c << ")";
}

// Grid dims and volume count agree with nibabel's data shape (missing axes count as 1).
void expect_shape_matches(const NiftiHeader& h, const std::vector<std::int64_t>& shape,
                          const std::string& what) {
  std::int64_t volumes = 1;
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    if (axis < 3)
      EXPECT_EQ(h.grid.dims[axis], shape[axis]) << what << " axis " << axis;
    else
      volumes *= shape[axis];
  }
  for (std::size_t axis = shape.size(); axis < 3; ++axis) EXPECT_EQ(h.grid.dims[axis], 1) << what;
  EXPECT_EQ(h.volume_count(), volumes) << what;
  EXPECT_EQ(h.ndim, static_cast<int>(shape.size())) << what;
}

enum class Mode { synchronous, background, view };

void check_case(const Case& c, Mode mode) {
  const auto dir = cases_dir();
  const bool background = mode != Mode::synchronous;
  const std::string what = c.name + (mode == Mode::synchronous  ? " (synchronous)"
                                     : mode == Mode::background ? " (background decode)"
                                                                : " (next_volume view)");
  const auto reference = testing::read_f64(dir / (c.name + ".data.f64"));
  const auto affine = testing::read_f64(dir / (c.name + ".affine.f64"));
  const auto shape = testing::read_shape(dir / (c.name + ".shape.txt"));

  NiftiVolumeStream stream(dir / c.file, NiftiStreamOptions{background});
  const NiftiHeader& h = stream.header();
  expect_shape_matches(h, shape, what);
  expect_affine_matches(h.grid.affine, affine, what);
  EXPECT_EQ(h.gzipped, c.file.ends_with(".gz")) << what;
  const auto voxels = static_cast<std::size_t>(h.grid.voxel_count());
  ASSERT_EQ(reference.size(), voxels * static_cast<std::size_t>(h.volume_count())) << what;

  std::vector<float> buffer(voxels);
  const auto next = [&]() -> std::span<const float> {
    if (mode == Mode::view) return stream.next_volume();
    return stream.read_next(buffer) ? std::span<const float>(buffer) : std::span<const float>();
  };
  std::int64_t index = 0;
  for (auto volume = next(); !volume.empty(); volume = next()) {
    ASSERT_EQ(volume.size(), voxels) << what;
    expect_volume_matches(h, volume, reference.data() + index * voxels,
                          what + " volume " + std::to_string(index));
    ++index;
    EXPECT_EQ(stream.volumes_read(), index);
  }
  EXPECT_EQ(index, h.volume_count()) << what;
  EXPECT_FALSE(stream.read_next(buffer)) << what;
  EXPECT_TRUE(stream.next_volume().empty()) << what;
}

TEST(NiftiRead, EveryCaseMatchesNibabelStreamingSynchronously) {
  const auto cases = testing::read_cases(cases_dir());
  ASSERT_GE(cases.size(), 50u);
  for (const Case& c : cases) check_case(c, Mode::synchronous);
}

TEST(NiftiRead, EveryCaseMatchesNibabelWithBackgroundDecode) {
  for (const Case& c : testing::read_cases(cases_dir())) check_case(c, Mode::background);
}

TEST(NiftiRead, EveryCaseMatchesNibabelThroughNextVolumeViews) {
  for (const Case& c : testing::read_cases(cases_dir())) check_case(c, Mode::view);
}

// Alternating the two ways of reading on one stream (background decoding, so next_volume lends
// the prefetch buffer) keeps the order and the values.
TEST(NiftiRead, MixingReadNextAndNextVolume) {
  const auto dir = cases_dir();
  const auto reference = testing::read_f64(dir / "multi_member_gz.data.f64");
  NiftiVolumeStream stream(dir / "multi_member_gz.nii.gz", NiftiStreamOptions{true});
  const auto voxels = static_cast<std::size_t>(stream.grid().voxel_count());
  std::vector<float> buffer(voxels);
  for (std::int64_t v = 0; v < stream.volume_count(); ++v) {
    std::span<const float> volume = buffer;
    if (v % 2 == 0)
      volume = stream.next_volume();
    else
      ASSERT_TRUE(stream.read_next(buffer));
    expect_volume_matches(stream.header(), volume, reference.data() + v * voxels,
                          "volume " + std::to_string(v));
  }
  EXPECT_TRUE(stream.next_volume().empty());
}

TEST(NiftiRead, ReadVolumeByIndexMatchesNibabel) {
  const auto dir = cases_dir();
  for (const Case& c : testing::read_cases(dir)) {
    const NiftiHeader h = read_nifti_header(dir / c.file);
    const auto reference = testing::read_f64(dir / (c.name + ".data.f64"));
    const auto voxels = static_cast<std::size_t>(h.grid.voxel_count());
    for (const std::int64_t index : {std::int64_t{0}, h.volume_count() - 1}) {
      const core::Volume<float> v = read_nifti_volume(dir / c.file, index);
      ASSERT_EQ(v.data.size(), voxels) << c.name;
      expect_volume_matches(h, v.data, reference.data() + index * voxels,
                            c.name + " read_nifti_volume(" + std::to_string(index) + ")");
      expect_affine_matches(v.grid.affine, testing::read_f64(dir / (c.name + ".affine.f64")),
                            c.name);
    }
  }
}

// Real files in the wild: the atlases and templates of Debian's mricron-data (uint8 labels,
// int16/float templates, sform/qform as their authors wrote them).
TEST(NiftiRead, MricronAtlasesAndTemplatesMatchNibabel) {
  const testing::fs::path templates = "/usr/share/mricron/templates";
  const std::vector<std::string> names = {"aal", "HarvardOxford-cort-maxprob-thr0-1mm", "AICHAmc"};
  const auto out = testing::fresh_dir("templates");
  std::string files;
  for (const std::string& name : names) files += " " + (templates / (name + ".nii.gz")).string();
  ASSERT_EQ(testing::run_command(testing::python() + " " +
                                 (testing::tests_dir() / "nibabel_reference.py").string() +
                                 " --out " + out.string() + files),
            0);
  for (const std::string& name : names) {
    NiftiVolumeStream stream(templates / (name + ".nii.gz"));
    const NiftiHeader& h = stream.header();
    expect_shape_matches(h, testing::read_shape_x(out / (name + ".fields.txt")), name);
    expect_affine_matches(h.grid.affine, testing::read_f64(out / (name + ".affine.f64")), name);
    const auto reference = testing::read_f64(out / (name + ".data.f64"));
    std::vector<float> volume(h.grid.voxel_count());
    ASSERT_TRUE(stream.read_next(volume)) << name;
    expect_volume_matches(h, volume, reference.data(), name);
  }
  testing::fs::remove_all(out);
}

TEST(NiftiRead, HeaderFieldsOfKnownCases) {
  const auto dir = cases_dir();
  const NiftiHeader be = read_nifti_header(dir / "dtype_i2_be.nii");
  EXPECT_TRUE(be.byte_swapped);
  EXPECT_EQ(be.datatype, NiftiDatatype::int16);
  EXPECT_EQ(be.bitpix, 16);
  EXPECT_EQ(be.version, 1);
  EXPECT_DOUBLE_EQ(be.repetition_time_seconds(), 1.5);  // pixdim[4] = 1.5, xyzt_units = mm + s
  EXPECT_EQ(be.sform_code, 4);

  const NiftiHeader n2 = read_nifti_header(dir / "nifti2_i2_be.nii");
  EXPECT_EQ(n2.version, 2);
  EXPECT_TRUE(n2.byte_swapped);
  EXPECT_EQ(n2.vox_offset, 544);
  EXPECT_DOUBLE_EQ(n2.scl_slope, 0.25);
  EXPECT_DOUBLE_EQ(n2.scl_inter, -3.0);

  const NiftiHeader nan_slope = read_nifti_header(dir / "scale_slope_nan.nii");
  EXPECT_EQ(nan_slope.scl_slope, 1.0);  // NaN slope means no scaling (nibabel)
  EXPECT_EQ(nan_slope.scl_inter, 0.0);

  const NiftiHeader ext = read_nifti_header(dir / "with_extension.nii");
  EXPECT_EQ(ext.vox_offset, 384);

  const NiftiHeader five = read_nifti_header(dir / "five_d.nii.gz");
  EXPECT_TRUE(five.gzipped);
  EXPECT_EQ(five.ndim, 5);
  EXPECT_EQ(five.volume_count(), 6);
}

TEST(NiftiRead, MovedStreamKeepsReading) {
  const auto dir = cases_dir();
  NiftiVolumeStream first(dir / "multi_member_gz.nii.gz", NiftiStreamOptions{true});
  std::vector<float> volume(first.grid().voxel_count());
  ASSERT_TRUE(first.read_next(volume));
  NiftiVolumeStream second(std::move(first));
  std::int64_t more = 0;
  while (second.read_next(volume)) ++more;
  EXPECT_EQ(more, second.volume_count() - 1);
}

TEST(NiftiRead, WrongBufferSizeIsAProgrammingError) {
  NiftiVolumeStream stream(cases_dir() / "three_d.nii");
  std::vector<float> too_small(3);
  EXPECT_THROW(stream.read_next(too_small), std::invalid_argument);
}

}  // namespace
}  // namespace acuroi::io
