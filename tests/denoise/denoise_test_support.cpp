#include "denoise_test_support.hpp"

#include <cstdlib>
#include <iostream>
#include <limits>

#include <unistd.h>

#include "acuroi/io/table.hpp"

namespace fs = std::filesystem;

namespace denoise_test {

namespace {

// One root per process (ctest runs the tests of this binary in parallel), removed at exit.
struct ProcessScratch {
  fs::path root = fs::temp_directory_path() / ("acuroi_test_denoise_" + std::to_string(::getpid()));
  ~ProcessScratch() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
};

}  // namespace

fs::path scratch_dir(const std::string& name) {
  static const ProcessScratch scratch;
  const fs::path dir = scratch.root / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path simulated_confounds() {
  static const fs::path path = [] {
    const fs::path parent = scratch_dir("simulated");
    const fs::path out = parent / "bids";
    const std::string command = std::string(ACUROI_BINARY) + " simulate --out " + out.string() +
                                " --seed 3 --participants 1 --resolution 8 --volumes 120 > " +
                                (parent / "log.txt").string() + " 2>&1";
    if (std::system(command.c_str()) != 0) return fs::path();
    return out / "sub-01" / "ses-pre" / "func" /
           "sub-01_ses-pre_task-rest_desc-confounds_timeseries.tsv";
  }();
  return path;
}

bool run_reference(const std::string& arguments) {
  const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                              "/tests/denoise/denoise_reference.py " + arguments;
  const int status = std::system(command.c_str());
  if (status != 0) std::cerr << "reference failed (" << status << "): " << command << "\n";
  return status == 0;
}

Eigen::MatrixXd read_matrix(const fs::path& path, std::vector<std::string>* header) {
  const auto table = acuroi::io::read_table(path);
  Eigen::MatrixXd values(static_cast<Eigen::Index>(table.row_count()),
                         static_cast<Eigen::Index>(table.column_count()));
  for (std::size_t r = 0; r < table.row_count(); ++r)
    for (std::size_t c = 0; c < table.column_count(); ++c)
      values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = table.number(r, c);
  if (header) *header = table.header();
  return values;
}

void write_matrix(const fs::path& path, const Eigen::MatrixXd& values,
                  std::vector<std::string> header) {
  if (header.empty())
    for (Eigen::Index c = 0; c < values.cols(); ++c) header.push_back("c" + std::to_string(c));
  std::vector<std::vector<double>> rows(static_cast<std::size_t>(values.rows()));
  for (Eigen::Index r = 0; r < values.rows(); ++r)
    for (Eigen::Index c = 0; c < values.cols(); ++c)
      rows[static_cast<std::size_t>(r)].push_back(values(r, c));
  acuroi::io::write_numeric_tsv(path, header, rows);
}

double relative_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return std::numeric_limits<double>::infinity();
  if (a.size() == 0) return 0.0;
  const double scale = std::max(1.0, b.cwiseAbs().maxCoeff());
  return (a - b).cwiseAbs().maxCoeff() / scale;
}

}  // namespace denoise_test
