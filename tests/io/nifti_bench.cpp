// Throughput probe for the NIfTI stream decoder (not a test; prints figures).
//
//   bench_nifti_stream bold.nii.gz [repeats] [sync|background|view|all]
// sync: read_next without a thread; background: read_next with background decoding;
// view: next_volume() with background decoding (no copy for native float32).
// prints, for synchronous and background decoding, the best wall time over the repeats to decode
// every volume to float, the process CPU time (user + system) of that run, and the uncompressed
// MB/s. On a loaded machine compare CPU times with `/usr/bin/time igzip -dc FILE > /dev/null`.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "acuroi/io/nifti.hpp"

static double cpu_seconds() {
  struct rusage u {};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + 1e-6 * (u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [repeats]\n", argv[0]);
    return 2;
  }
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const std::string mode = argc > 3 ? argv[3] : "all";
  for (const std::string run : {"sync", "background", "view"}) {
    if (mode != "all" && mode != run) continue;
    const bool background = run != "sync";
    double best = 1e300, best_cpu = 1e300;
    double checksum = 0, megabytes = 0;
    for (int r = 0; r < repeats; ++r) {
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = cpu_seconds();
      acuroi::io::NiftiVolumeStream stream(argv[1], acuroi::io::NiftiStreamOptions{background});
      std::vector<float> volume(stream.grid().voxel_count());
      checksum = 0;
      if (run == "view") {
        for (auto v = stream.next_volume(); !v.empty(); v = stream.next_volume())
          checksum += v[v.size() / 2];
      } else {
        while (stream.read_next(volume)) checksum += volume[volume.size() / 2];
      }
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      best = std::min(best, seconds);
      best_cpu = std::min(best_cpu, cpu_seconds() - cpu_start);
      megabytes = static_cast<double>(stream.volume_count()) * stream.grid().voxel_count() *
                  stream.header().bytes_per_voxel() / 1e6;
    }
    std::printf("%-11s wall %.3f s  cpu %.3f s  %.0f MB/s (uncompressed, wall)  checksum %.6g\n",
                run.c_str(), best, best_cpu, megabytes / best, checksum);
  }
  return 0;
}
