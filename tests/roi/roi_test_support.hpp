// Test support: runs roi_reference.py once into the build tree and reads what it wrote.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "acuroi/core/grid.hpp"

namespace acuroi::roi::testing {

inline std::filesystem::path reference_dir() {
  static const std::filesystem::path dir = [] {
    const std::filesystem::path out = std::filesystem::path(ROI_TEST_WORK_DIR) / "reference";
    const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                                "/tests/roi/roi_reference.py " + out.string();
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
    return out;
  }();
  return dir;
}

inline std::filesystem::path reference(const std::string& name) { return reference_dir() / name; }

inline core::Grid read_grid(const std::string& name) {
  std::ifstream in(reference("grid_" + name + ".txt"));
  core::Grid g;
  in >> g.dims[0] >> g.dims[1] >> g.dims[2];
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c) in >> g.affine(r, c);
  if (!in) throw std::runtime_error("cannot read grid " + name);
  return g;
}

template <class T>
std::vector<T> read_raw(const std::string& name, std::size_t count) {
  std::vector<T> values(count);
  std::ifstream in(reference(name), std::ios::binary);
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(count * sizeof(T)));
  if (!in) throw std::runtime_error("cannot read " + name);
  return values;
}

inline std::vector<std::int64_t> read_indices(const std::string& name) {
  std::ifstream in(reference(name));
  std::vector<std::int64_t> values;
  for (std::int64_t v; in >> v;) values.push_back(v);
  return values;
}

inline const std::string kTemplates = "/usr/share/mricron/templates/";
inline const std::string kAal = kTemplates + "aal.nii.gz";
inline const std::string kAalTable = kTemplates + "aal.nii.txt";
inline const std::string kHarvardOxford = kTemplates + "HarvardOxford-cort-maxprob-thr0-1mm.nii.gz";

}  // namespace acuroi::roi::testing
