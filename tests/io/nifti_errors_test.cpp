// Error paths: every broken file gives a core::InputError whose message names the file, the
// field and the offending value.
#include <gtest/gtest.h>

#include <regex>

#include "acuroi/core/error.hpp"
#include "acuroi/io/nifti.hpp"
#include "nifti_test_support.hpp"

namespace acuroi::io {
namespace {

using testing::cases_dir;

struct Expected {
  std::string file, field, value, problem;
};

// Runs `action`, which must throw InputError; checks fields and that the message contains the
// file name, the field, the value and the problem text.
template <class Action>
void expect_input_error(const Expected& e, Action&& action) {
  const std::string path = (cases_dir() / e.file).string();
  try {
    action(path);
    ADD_FAILURE() << e.file << ": no error thrown";
  } catch (const core::InputError& error) {
    const std::string message = error.what();
    EXPECT_EQ(error.file(), path) << message;
    EXPECT_EQ(error.field(), e.field) << message;
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(e.field), std::string::npos) << message;
    EXPECT_NE(message.find(e.value), std::string::npos) << message << " lacks " << e.value;
    EXPECT_NE(message.find(e.problem), std::string::npos) << message << " lacks " << e.problem;
  }
}

void read_everything(const std::string& path, bool background) {
  NiftiVolumeStream stream(path, NiftiStreamOptions{background});
  std::vector<float> volume(stream.grid().voxel_count());
  while (stream.read_next(volume)) {
  }
}

TEST(NiftiErrors, InconsistentHeadersAreRejected) {
  const std::vector<Expected> cases = {
      {"bad_dim0.nii", "dim[0]", "9", "between 1 and 7"},
      {"bad_nifti2_dim0.nii", "dim[0]", "0", "between 1 and 7"},
      {"bad_negative_dim.nii", "dim[2]", "-4", "must be positive"},
      {"bad_vox_offset.nii", "vox_offset", "300", ">= 352"},
      {"bad_bitpix.nii", "bitpix", "= 8", "does not match datatype 16 (float32, 32 bits)"},
      {"bad_complex.nii", "datatype", "32", "unsupported NIfTI datatype (complex64)"},
      {"bad_magic.nii", "magic", "'abc\\x00'", "not a single-file NIfTI-1"},
      {"bad_sizeof_hdr.nii", "sizeof_hdr", "123", "not a NIfTI file"},
      {"bad_nifti2_eol.nii", "magic", "'n+2\\x00\\x0a\\x0a\\x1a\\x0a'", "end-of-line check"},
      {"bad_pair_magic.nii", "magic", "'ni1\\x00'", "two-file NIfTI"},
      {"bad_inter_inf.nii", "scl_inter", "inf", "must be finite when scl_slope is set"},
      {"bad_quaternion.nii", "quatern_b/c/d", "0.9", "not a unit quaternion"},
  };
  for (const Expected& e : cases) {
    SCOPED_TRACE(e.file);
    expect_input_error(e, [](const std::string& p) { read_nifti_header(p); });
    expect_input_error(e, [](const std::string& p) { read_nifti_volume(p); });
    expect_input_error(e, [](const std::string& p) { read_everything(p, true); });
  }
}

TEST(NiftiErrors, TruncatedUncompressedFileIsCaughtFromTheHeader) {
  // 352-byte header + 5x4x3x2 float32 = 832 bytes; the file lost its last 100 bytes.
  const Expected e{"truncated.nii", "file size", "732", "file is 732 bytes, header implies 832"};
  expect_input_error(e, [](const std::string& p) { read_nifti_header(p); });
  expect_input_error(e, [](const std::string& p) { NiftiVolumeStream s(p); });
}

TEST(NiftiErrors, TruncatedGzipIsCaughtWhileStreaming) {
  for (const bool background : {false, true}) {
    SCOPED_TRACE(background ? "background" : "synchronous");
    const auto path = cases_dir() / "truncated.nii.gz";
    NiftiVolumeStream stream(path, NiftiStreamOptions{background});  // the header is intact
    ASSERT_EQ(stream.volume_count(), 6);
    std::vector<float> volume(stream.grid().voxel_count());
    try {
      while (stream.read_next(volume)) {
      }
      ADD_FAILURE() << "no error for a truncated gzip stream";
    } catch (const core::InputError& error) {
      const std::string message = error.what();
      const std::int64_t complete = stream.volumes_read();
      EXPECT_LT(complete, 6);
      EXPECT_EQ(error.field(), "volumes");
      EXPECT_NE(message.find(path.string()), std::string::npos) << message;
      EXPECT_NE(message.find("file ends after " + std::to_string(complete) + " of 6 volumes"),
                std::string::npos)
          << message;
      EXPECT_NE(message.find("truncated gzip stream"), std::string::npos) << message;
    }
  }
}

TEST(NiftiErrors, DamagedGzipChecksumIsReported) {
  const Expected e{"bad_crc.nii.gz", "gzip", "member 1", "CRC-32 or length check failed"};
  expect_input_error(e, [](const std::string& p) { read_everything(p, false); });
  expect_input_error(e, [](const std::string& p) { read_everything(p, true); });
}

TEST(NiftiErrors, CorruptDeflateDataIsReported) {
  const Expected e{"bad_deflate.nii.gz", "gzip", "member 1", "corrupt gzip stream"};
  expect_input_error(e, [](const std::string& p) { read_everything(p, false); });
}

TEST(NiftiErrors, MissingFileAndOutOfRangeIndex) {
  expect_input_error({"no_such_file.nii.gz", "", "", "cannot open"},
                     [](const std::string& p) { read_nifti_header(p); });
  expect_input_error({"dtype_f4_le.nii", "volume index", "2", "image has 2 volume(s)"},
                     [](const std::string& p) { read_nifti_volume(p, 2); });
}

}  // namespace
}  // namespace acuroi::io
