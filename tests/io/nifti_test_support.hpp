// Helpers for the NIfTI tests: the nibabel-generated cases (made once per script version and
// shared by all test processes), reading the float64 references, running Python.
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "acuroi/core/hash.hpp"

namespace acuroi::io::testing {

namespace fs = std::filesystem;

inline fs::path tests_dir() { return fs::path(ACUROI_SOURCE_DIR) / "tests" / "io"; }

inline int run_command(const std::string& command) { return std::system(command.c_str()); }

inline std::string python() { return ACUROI_PYTHON; }

// A fresh empty directory for one test.
inline fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("acuroi-io-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Directory holding the cases written by make_nifti_cases.py (generated on first use; keyed by
// the script's hash so an edited script regenerates; atomic rename makes parallel runs safe).
inline fs::path cases_dir() {
  const fs::path script = tests_dir() / "make_nifti_cases.py";
  const std::string key = core::sha256_file(script).substr(0, 16);
  const fs::path dir =
      fs::temp_directory_path() / ("acuroi-nifti-cases-" + std::to_string(::getuid()) + "-" + key);
  if (fs::exists(dir / "cases.txt")) return dir;
  fs::path building = dir;
  building += ".building-" + std::to_string(::getpid());
  fs::remove_all(building);
  fs::create_directories(building);
  const std::string command = python() + " " + script.string() + " " + building.string();
  if (run_command(command) != 0) ADD_FAILURE() << "failed: " << command;
  std::error_code ec;
  fs::rename(building, dir, ec);  // another process may have won the race: fine
  if (ec) fs::remove_all(building);
  return dir;
}

inline std::vector<double> read_f64(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  in.seekg(0, std::ios::end);
  const auto bytes = static_cast<std::size_t>(in.tellg());
  in.seekg(0);
  std::vector<double> values(bytes / sizeof(double));
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(bytes));
  return values;
}

inline std::vector<std::int64_t> read_shape(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::int64_t> shape;
  for (std::int64_t s; in >> s;) shape.push_back(s);
  return shape;
}

// The "shape AxBxC" line of a nibabel_reference.py fields file.
inline std::vector<std::int64_t> read_shape_x(const fs::path& fields) {
  std::ifstream in(fields);
  std::vector<std::int64_t> shape;
  for (std::string key, value; in >> key >> value;) {
    if (key != "shape") continue;
    std::stringstream parts(value);
    for (std::string part; std::getline(parts, part, 'x');) shape.push_back(std::stoll(part));
  }
  return shape;
}

struct Case {
  std::string name, file;
};

inline std::vector<Case> read_cases(const fs::path& dir) {
  std::ifstream in(dir / "cases.txt");
  std::vector<Case> cases;
  for (Case c; in >> c.name >> c.file;) cases.push_back(c);
  return cases;
}

inline std::vector<char> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace acuroi::io::testing
