// Test support: runs extract_reference.py once into the build tree and reads what it wrote.
#pragma once
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace acuroi::extract::testing {

inline std::filesystem::path reference_dir() {
  static const std::filesystem::path dir = [] {
    const std::filesystem::path out = std::filesystem::path(EXTRACT_TEST_WORK_DIR) / "reference";
    const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                                "/tests/extract/extract_reference.py " + out.string();
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
    return out;
  }();
  return dir;
}

inline std::filesystem::path reference(const std::string& name) { return reference_dir() / name; }

template <class T>
std::vector<T> read_raw(const std::string& name) {
  std::ifstream in(reference(name), std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot read " + name);
  const auto bytes = static_cast<std::size_t>(in.tellg());
  std::vector<T> values(bytes / sizeof(T));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(bytes));
  return values;
}

// T x R reference statistics (row-major on disk).
inline Eigen::MatrixXd read_stats(const std::string& name, Eigen::Index rois) {
  const auto flat = read_raw<double>(name);
  const auto volumes = static_cast<Eigen::Index>(flat.size()) / rois;
  Eigen::MatrixXd m(volumes, rois);
  for (Eigen::Index t = 0; t < volumes; ++t)
    for (Eigen::Index r = 0; r < rois; ++r) m(t, r) = flat[static_cast<std::size_t>(t * rois + r)];
  return m;
}

struct ReferenceRoi {
  std::int32_t value = 0;
  std::string name;
  std::int64_t voxel_count = 0, usable_voxel_count = 0;
  double coverage = 0;
};

inline std::vector<ReferenceRoi> read_rois(const std::string& name) {
  std::ifstream in(reference(name));
  std::string line;
  std::getline(in, line);  // header
  std::vector<ReferenceRoi> rois;
  while (std::getline(in, line)) {
    std::istringstream s(line);
    ReferenceRoi r;
    std::string coverage;
    std::getline(s, line, '\t');
    r.value = std::stoi(line);
    std::getline(s, r.name, '\t');
    s >> r.voxel_count >> r.usable_voxel_count >> coverage;
    r.coverage = std::stod(coverage);
    rois.push_back(r);
  }
  return rois;
}

// |ours - expected| <= tolerance * |expected| (both NaN counts as equal); returns the largest
// relative error seen, for the report.
inline double max_relative_error(const Eigen::MatrixXd& ours, const Eigen::MatrixXd& expected,
                                 Eigen::Index column) {
  double worst = 0;
  for (Eigen::Index t = 0; t < expected.rows(); ++t) {
    const double a = ours(t, column), b = expected(t, column);
    if (std::isnan(a) && std::isnan(b)) continue;
    if (std::isnan(a) != std::isnan(b)) return INFINITY;
    const double scale = std::max(std::abs(b), 1e-300);
    worst = std::max(worst, std::abs(a - b) / scale);
  }
  return worst;
}

inline const std::string kTemplates = "/usr/share/mricron/templates/";
inline const std::string kAal = kTemplates + "aal.nii.gz";
inline const std::string kAalTable = kTemplates + "aal.nii.txt";
inline const std::string kHarvardOxford = kTemplates + "HarvardOxford-cort-maxprob-thr0-1mm.nii.gz";

}  // namespace acuroi::extract::testing
