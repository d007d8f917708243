// Test helpers: scratch folders, the simulated confounds TSV, TSV <-> Eigen, running the numpy
// reference script (denoise_reference.py with /usr/bin/python3).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace denoise_test {

// An empty folder for one test, under a per-process temp folder removed at exit.
std::filesystem::path scratch_dir(const std::string& name);
// The confounds TSV of `acuroi simulate --seed 3 --participants 1 --resolution 8 --volumes 120`
// (sub-01, ses-pre), simulated once per test process.
std::filesystem::path simulated_confounds();
// Runs denoise_reference.py with the arguments; fails the test (returns false) on a non-zero exit.
bool run_reference(const std::string& arguments);
// All columns of a numeric TSV (n/a -> NaN) and its header.
Eigen::MatrixXd read_matrix(const std::filesystem::path& path,
                            std::vector<std::string>* header = nullptr);
void write_matrix(const std::filesystem::path& path, const Eigen::MatrixXd& values,
                  std::vector<std::string> header = {});
// max |a - b| / max(1, max |b|) ; +inf when the shapes differ.
double relative_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

}  // namespace denoise_test
