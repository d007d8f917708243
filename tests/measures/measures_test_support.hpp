// Shared helpers of the measures tests: deterministic random matrices, JSON conversion, and a
// call into measures_reference.py (numpy/scipy under /usr/bin/python3) that returns its JSON
// answer.
#pragma once
#include <gtest/gtest.h>

#include <unistd.h>
#include <Eigen/Dense>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

namespace acuroi::measures::test {

inline Eigen::MatrixXd random_matrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed,
                                     double mean = 0.0, double sd = 1.0) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal(mean, sd);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = normal(engine);
  return m;
}

// Row-major nested list [[row0...], [row1...]].
inline nlohmann::json to_json(const Eigen::MatrixXd& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
    rows.push_back(row);
  }
  return rows;
}

// JSON null stands for NaN (Python writes NaN as null through the reference script).
inline double json_number(const nlohmann::json& value) {
  return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
}

inline Eigen::MatrixXd matrix_from_json(const nlohmann::json& rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()),
                    static_cast<Eigen::Index>(rows.empty() ? 0 : rows[0].size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = json_number(rows[i][j]);
  return m;
}

// Runs `script_name` (measures_reference.py by default) on `request` and returns its parsed output.
inline nlohmann::json run_reference(const nlohmann::json& request, const std::string& tag,
                                    const std::string& script_name = "measures_reference.py") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("acuroi_measures_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path in = dir / (tag + "_in.json");
  const std::filesystem::path out = dir / (tag + "_out.json");
  std::ofstream(in) << request.dump();
  const std::string script = std::string(ACUROI_SOURCE_DIR) + "/tests/measures/" + script_name;
  const std::string command =
      std::string(ACUROI_PYTHON) + " " + script + " " + in.string() + " > " + out.string();
  const int status = std::system(command.c_str());
  EXPECT_EQ(status, 0) << command;
  std::ifstream stream(out);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  std::error_code ignored;
  std::filesystem::remove(dir, ignored);  // only when empty (another test of this process may use it)
  return nlohmann::json::parse(buffer.str());
}

// |a - b| <= tolerance * max(1, |b|), NaN only where the reference is NaN.
inline void expect_close(double actual, double expected, double tolerance,
                         const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << what << ": expected NaN, got " << actual;
    return;
  }
  // ACUROI_MEASURES_VERBOSE=1 prints every scaled deviation (used to report measured figures).
  if (std::getenv("ACUROI_MEASURES_VERBOSE") != nullptr) {
    std::printf("DEVIATION %s %.3e\n", what.substr(0, what.find('(')).c_str(),
                std::abs(actual - expected) / std::max(1.0, std::abs(expected)));
  }
  EXPECT_LE(std::abs(actual - expected), tolerance * std::max(1.0, std::abs(expected)))
      << what << ": " << actual << " vs reference " << expected;
}

inline void expect_matrix_close(const Eigen::MatrixXd& actual, const Eigen::MatrixXd& expected,
                                double tolerance, const std::string& what) {
  ASSERT_EQ(actual.rows(), expected.rows()) << what;
  ASSERT_EQ(actual.cols(), expected.cols()) << what;
  for (Eigen::Index i = 0; i < actual.rows(); ++i)
    for (Eigen::Index j = 0; j < actual.cols(); ++j)
      expect_close(actual(i, j), expected(i, j), tolerance,
                   what + "(" + std::to_string(i) + "," + std::to_string(j) + ")");
}

}  // namespace acuroi::measures::test
