// Writer round trips: files written by NiftiWriter are read back by nibabel (data, sform, qform,
// header fields) and by our reader; gzip output is byte-for-byte reproducible; writes are atomic.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>

#include "acuroi/io/nifti.hpp"
#include "nifti_test_support.hpp"

namespace acuroi::io {
namespace {

namespace fs = std::filesystem;

// An oblique grid: rotation about three axes, anisotropic voxels; `flip` makes the determinant
// negative (the qform then needs qfac = -1).
core::Grid oblique_grid(bool flip) {
  core::Grid g;
  g.dims = {7, 6, 5};
  const Eigen::Matrix3d rotation = (Eigen::AngleAxisd(0.1, Eigen::Vector3d::UnitZ()) *
                                    Eigen::AngleAxisd(-0.2, Eigen::Vector3d::UnitY()) *
                                    Eigen::AngleAxisd(0.15, Eigen::Vector3d::UnitX()))
                                       .toRotationMatrix();
  const Eigen::Vector3d zooms(flip ? -2.0 : 2.0, 2.5, 3.0);
  g.affine.topLeftCorner<3, 3>() = rotation * zooms.asDiagonal();
  g.affine.topRightCorner<3, 1>() = Eigen::Vector3d(-90.25, -126.5, -72.125);
  return g;
}

// Values exactly representable in the target type (after slope/inter for integers).
std::vector<float> test_values(const core::Grid& g, std::int64_t volumes, NiftiDatatype type,
                               double slope, double inter) {
  std::vector<float> values(static_cast<std::size_t>(g.voxel_count() * volumes));
  std::uint32_t state = 12345;
  for (float& v : values) {
    state = state * 1664525u + 1013904223u;
    const int r = static_cast<int>(state >> 16);  // 0..65535
    switch (type) {
      case NiftiDatatype::uint8:
        v = static_cast<float>(r % 256);
        break;
      case NiftiDatatype::int16:
        v = static_cast<float>((r - 32768) * slope + inter);
        break;
      case NiftiDatatype::int32:
        v = static_cast<float>(r * 97 - 3000000);
        break;
      default:
        v = static_cast<float>((r - 30000) * 0.0371);
    }
  }
  return values;
}

struct WriteCase {
  std::string file;
  NiftiWriteOptions options;
  std::int64_t volumes;
  bool flip;
};

std::vector<WriteCase> write_cases() {
  const auto with = [](auto change) {
    NiftiWriteOptions o;
    o.repetition_time_seconds = 2.0;
    change(o);
    return o;
  };
  return {
      {"f32.nii", with([](auto&) {}), 3, false},
      {"f32_gz.nii.gz", with([](auto&) {}), 4, true},
      {"f64_be.nii", with([](auto& o) {
         o.datatype = NiftiDatatype::float64;
         o.big_endian = true;
       }),
       2, true},
      {"i16_slope_be.nii.gz", with([](auto& o) {
         o.datatype = NiftiDatatype::int16;
         o.scl_slope = 0.5;
         o.scl_inter = 100;
         o.big_endian = true;
       }),
       3, false},
      {"u8.nii", with([](auto& o) { o.datatype = NiftiDatatype::uint8; }), 2, false},
      {"i32_nifti2.nii.gz", with([](auto& o) {
         o.datatype = NiftiDatatype::int32;
         o.version = 2;
       }),
       2, true},
      {"f32_nifti2_be.nii", with([](auto& o) {
         o.version = 2;
         o.big_endian = true;
       }),
       3, false},
      {"f32_3d.nii.gz", with([](auto&) {}), 1, true},
  };
}

std::map<std::string, std::string> read_fields(const fs::path& path) {
  std::ifstream in(path);
  std::map<std::string, std::string> fields;
  for (std::string key, value; in >> key >> value;) fields[key] = value;
  return fields;
}

std::string base_of(const std::string& file) {
  return file.substr(0, file.size() - (file.ends_with(".gz") ? 7 : 4));
}

TEST(NiftiWriter, RoundTripThroughNibabelAndOurReader) {
  const fs::path dir = testing::fresh_dir("writer");
  std::string files;
  for (const WriteCase& c : write_cases()) {
    const core::Grid g = oblique_grid(c.flip);
    const auto values =
        test_values(g, c.volumes, c.options.datatype, c.options.scl_slope, c.options.scl_inter);
    NiftiWriter writer(dir / c.file, g, c.volumes, c.options);
    for (std::int64_t v = 0; v < c.volumes; ++v)
      writer.write_next(std::span(values).subspan(v * g.voxel_count(), g.voxel_count()));
    writer.close();
    files += " " + (dir / c.file).string();
  }
  ASSERT_EQ(testing::run_command(testing::python() + " " +
                                 (testing::tests_dir() / "nibabel_reference.py").string() + files),
            0);

  for (const WriteCase& c : write_cases()) {
    SCOPED_TRACE(c.file);
    const core::Grid g = oblique_grid(c.flip);
    const auto values =
        test_values(g, c.volumes, c.options.datatype, c.options.scl_slope, c.options.scl_inter);
    const std::string base = (dir / base_of(c.file)).string();
    // nibabel: data exactly (every value is representable), affines, header fields.
    const auto data = testing::read_f64(base + ".data.f64");
    ASSERT_EQ(data.size(), values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
      ASSERT_EQ(data[i], static_cast<double>(values[i])) << "voxel " << i;
    const auto sform = testing::read_f64(base + ".affine.f64");
    const auto qform = testing::read_f64(base + ".qform.f64");
    // NIfTI-1 stores float32: 1e-6 relative; the qform is a float32 quaternion: 1e-5.
    const double sform_tolerance = c.options.version == 1 ? 1e-6 : 1e-12;
    for (int r = 0; r < 4; ++r)
      for (int col = 0; col < 4; ++col) {
        const double expected = g.affine(r, col);
        EXPECT_NEAR(sform[4 * r + col], expected,
                    sform_tolerance * std::max(1.0, std::fabs(expected)));
        EXPECT_NEAR(qform[4 * r + col], expected, 1e-5 * std::max(1.0, std::fabs(expected)));
      }
    auto fields = read_fields(base + ".fields.txt");
    EXPECT_EQ(fields["datatype"], std::to_string(static_cast<int>(c.options.datatype)));
    EXPECT_EQ(fields["endianness"], c.options.big_endian ? ">" : "<");
    EXPECT_EQ(fields["sizeof_hdr"], c.options.version == 1 ? "348" : "540");
    EXPECT_EQ(fields["sform_code"], "4");
    EXPECT_EQ(fields["qform_code"], "4");
    EXPECT_EQ(fields["xyzt_units"], "10");
    const std::string shape = "7x6x5" + (c.volumes > 1 ? "x" + std::to_string(c.volumes) : "");
    EXPECT_EQ(fields["shape"], shape);
    if (c.volumes > 1) EXPECT_EQ(fields["tr"], "2.0");
    if (c.options.datatype == NiftiDatatype::int16) {
      EXPECT_EQ(fields["slope"], "0.5");
      EXPECT_EQ(fields["inter"], "100.0");
    }
    // our reader: same values and the exact stored sform
    NiftiVolumeStream stream(dir / c.file);
    EXPECT_EQ(stream.header().byte_swapped, c.options.big_endian);
    EXPECT_DOUBLE_EQ(stream.header().repetition_time_seconds(), 2.0);
    for (int k = 0; k < 16; ++k)
      EXPECT_EQ(stream.grid().affine(k / 4, k % 4), sform[k]) << "affine element " << k;
    std::vector<float> volume(g.voxel_count());
    for (std::int64_t v = 0; stream.read_next(volume); ++v)
      for (std::size_t i = 0; i < volume.size(); ++i)
        ASSERT_EQ(volume[i], values[v * volume.size() + i]) << "volume " << v << " voxel " << i;
    EXPECT_EQ(stream.volumes_read(), c.volumes);
  }
  fs::remove_all(dir);
}

TEST(NiftiWriter, WriteVolumeConvenienceAndMillisecondTr) {
  const fs::path dir = testing::fresh_dir("writer-3d");
  core::Volume<float> v{oblique_grid(false), {}};
  v.data = test_values(v.grid, 1, NiftiDatatype::float32, 1, 0);
  write_nifti_volume(dir / "v.nii", v);
  const core::Volume<float> back = read_nifti_volume(dir / "v.nii");
  EXPECT_EQ(back.data, v.data);
  EXPECT_TRUE(back.grid.same_as(v.grid, 1e-4));
  // Patch the units to milliseconds and pixdim[4] to 2000: TR reads as 2 s.
  {
    std::fstream f(dir / "v.nii", std::ios::in | std::ios::out | std::ios::binary);
    const float tr_ms = 2000.0f;
    const char units = 2 + 16;
    f.seekp(76 + 4 * 4);
    f.write(reinterpret_cast<const char*>(&tr_ms), 4);
    f.seekp(123);
    f.write(&units, 1);
  }
  EXPECT_DOUBLE_EQ(read_nifti_header(dir / "v.nii").repetition_time_seconds(), 2.0);
  fs::remove_all(dir);
}

// The documented integer rule: stored = round((value - inter) / slope), clamped to the type,
// NaN stored as the value that reads back nearest to 0.
TEST(NiftiWriter, IntegerStorageRoundsClampsAndMapsNanToZero) {
  const fs::path dir = testing::fresh_dir("writer-int");
  core::Grid g;
  g.dims = {6, 1, 1};
  NiftiWriteOptions o;
  o.datatype = NiftiDatatype::int16;
  o.scl_slope = 0.5;
  o.scl_inter = 100;
  const std::vector<float> in = {100.26f, 99.74f, 1e9f, -1e9f, std::nanf(""), 0.0f};
  NiftiWriter writer(dir / "i.nii", g, 1, o);
  writer.write_next(in);
  writer.close();
  const std::vector<float> out = read_nifti_volume(dir / "i.nii").data;
  const std::vector<float> expected = {100.5f, 99.5f, 32767 * 0.5f + 100, -32768 * 0.5f + 100,
                                       0.0f,   0.0f};
  EXPECT_EQ(out, expected);
  fs::remove_all(dir);
}

TEST(NiftiWriter, GzipOutputIsReproducible) {
  const fs::path a = testing::fresh_dir("gz-a"), b = testing::fresh_dir("gz-b");
  const core::Grid g = oblique_grid(true);
  const auto values = test_values(g, 3, NiftiDatatype::float32, 1, 0);
  for (const fs::path& dir : {a, b}) {
    NiftiWriter writer(dir / "bold.nii.gz", g, 3, NiftiWriteOptions{});
    for (int v = 0; v < 3; ++v)
      writer.write_next(std::span(values).subspan(v * g.voxel_count(), g.voxel_count()));
    writer.close();
  }
  const auto first = testing::read_bytes(a / "bold.nii.gz");
  const auto second = testing::read_bytes(b / "bold.nii.gz");
  ASSERT_GT(first.size(), 18u);
  EXPECT_EQ(first, second);
  EXPECT_EQ(static_cast<unsigned char>(first[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(first[1]), 0x8b);
  EXPECT_EQ(std::memcmp(first.data() + 4, "\0\0\0\0", 4), 0) << "gzip MTIME must be zero";
  EXPECT_EQ(first[3] & 0x08, 0) << "no file name in the gzip header";
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(NiftiWriter, TargetAppearsOnlyOnCompleteClose) {
  const fs::path dir = testing::fresh_dir("atomic");
  const core::Grid g = oblique_grid(false);
  const std::vector<float> volume(g.voxel_count(), 1.0f);
  {
    NiftiWriter writer(dir / "bold.nii.gz", g, 2, NiftiWriteOptions{});
    writer.write_next(volume);
    EXPECT_FALSE(fs::exists(dir / "bold.nii.gz"));
    EXPECT_THROW(writer.close(), std::logic_error);  // 1 of 2 volumes
    EXPECT_FALSE(fs::exists(dir / "bold.nii.gz"));
    EXPECT_THROW(writer.write_next(std::span(volume).first(3)), std::invalid_argument);
  }
  EXPECT_TRUE(fs::is_empty(dir)) << "the temporary must be removed when the writer is abandoned";
  {
    NiftiWriter writer(dir / "bold.nii.gz", g, 2, NiftiWriteOptions{});
    writer.write_next(volume);
    writer.write_next(volume);
    EXPECT_THROW(writer.write_next(volume), std::logic_error);
    writer.close();
  }
  EXPECT_TRUE(fs::exists(dir / "bold.nii.gz"));
  EXPECT_EQ(read_nifti_header(dir / "bold.nii.gz").volume_count(), 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace acuroi::io
