// Streaming memory: the peak resident memory of a child process that streams a 4D image does not
// grow with the number of volumes (50 vs 400), and stays within a few volumes' worth.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "acuroi/io/nifti.hpp"
#include "nifti_test_support.hpp"

namespace acuroi::io {
namespace {

namespace fs = std::filesystem;

// VmRSS or VmHWM (peak) of this process, KiB.
long status_kib(const std::string& key) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  return -1;
}

void write_image(const fs::path& path, std::array<std::int64_t, 3> dims, std::int64_t volumes) {
  core::Grid g;
  g.dims = dims;
  std::vector<float> volume(g.voxel_count());
  NiftiWriter writer(path, g, volumes, NiftiWriteOptions{});
  for (std::int64_t v = 0; v < volumes; ++v) {
    for (std::size_t i = 0; i < volume.size(); ++i) volume[i] = static_cast<float>((i + v) % 7);
    writer.write_next(volume);
  }
  writer.close();
}

struct PeakGrowth {
  long growth_kib = -1;  // the child's peak RSS (VmHWM) minus its RSS before streaming
  bool ok = false;       // the child read every volume with the expected values
};

// Streams the file in a forked child (a fresh peak-RSS counter); returns its peak growth.
PeakGrowth stream_in_child(const fs::path& path, bool background) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(pipe_fds[0]);
    // Reset the high-water mark to the current RSS (Linux: write "5" to clear_refs).
    { std::ofstream("/proc/self/clear_refs") << "5"; }
    const long before = status_kib("VmRSS");
    bool ok = true;
    try {
      NiftiVolumeStream stream(path, NiftiStreamOptions{background});
      std::vector<float> volume(stream.grid().voxel_count());
      for (std::int64_t v = 0; stream.read_next(volume); ++v)
        ok = ok && volume[5] == static_cast<float>((5 + v) % 7);
      ok = ok && stream.volumes_read() == stream.volume_count();
    } catch (...) {
      ok = false;
    }
    const long growth = status_kib("VmHWM") - before;
    ok = ok && ::write(pipe_fds[1], &growth, sizeof growth) == sizeof growth;
    ::_exit(ok ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  PeakGrowth result;
  if (::read(pipe_fds[0], &result.growth_kib, sizeof result.growth_kib) != sizeof result.growth_kib)
    result.growth_kib = -1;
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return result;
}

void expect_flat_memory(const fs::path& dir, const std::string& ext,
                        std::array<std::int64_t, 3> dims) {
  const fs::path short_run = dir / ("short" + ext), long_run = dir / ("long" + ext);
  write_image(short_run, dims, 50);
  write_image(long_run, dims, 400);
  const long volume_kib = dims[0] * dims[1] * dims[2] * 4 / 1024;
  for (const bool background : {false, true}) {
    SCOPED_TRACE(ext + (background ? " background" : " synchronous"));
    const PeakGrowth a = stream_in_child(short_run, background);
    const PeakGrowth b = stream_in_child(long_run, background);
    ASSERT_TRUE(a.ok && b.ok);
    std::printf(
        "[ memory   ] %s %s: peak RSS growth %ld KiB (50 volumes), %ld KiB (400 volumes); "
        "one volume = %ld KiB\n",
        ext.c_str(), background ? "background" : "synchronous", a.growth_kib, b.growth_kib,
        volume_kib);
    // Holding the whole image would add 350 volumes (> 28 MB here) between the two runs.
    EXPECT_LT(std::abs(b.growth_kib - a.growth_kib), 4 * volume_kib + 2048)
        << "50 volumes: +" << a.growth_kib << " KiB, 400 volumes: +" << b.growth_kib << " KiB";
    // Buffers: the caller's volume, up to two raw volumes, a 2 MiB gzip input buffer, a thread
    // stack; whatever else, far less than the image (> 28 MB).
    EXPECT_GT(b.growth_kib, 0);
    EXPECT_LT(b.growth_kib, 4 * volume_kib + 8192) << "peak growth " << b.growth_kib << " KiB";
  }
}

TEST(NiftiStreamMemory, GzipPeakDoesNotDependOnVolumeCount) {
  const fs::path dir = testing::fresh_dir("memory-gz");
  expect_flat_memory(dir, ".nii.gz", {48, 48, 32});
  fs::remove_all(dir);
}

TEST(NiftiStreamMemory, UncompressedPeakDoesNotDependOnVolumeCount) {
  const fs::path dir = testing::fresh_dir("memory-nii");
  expect_flat_memory(dir, ".nii", {32, 32, 20});
  fs::remove_all(dir);
}

}  // namespace
}  // namespace acuroi::io
