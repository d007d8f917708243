// Typed, shape-checked dataset reads for the participant reader: a dataset of another element
// type or shape is a core::InputError naming the file and the dataset.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "acuroi/store/h5_file.hpp"

namespace acuroi::store::detail {

inline constexpr std::int64_t kAnyLength = -1;

std::vector<std::string> read_strings(const H5Group& group, const std::string& name,
                                      std::int64_t length = kAnyLength);
std::vector<double> read_doubles(const H5Group& group, const std::string& name,
                                 std::int64_t length = kAnyLength);
std::vector<std::int64_t> read_int64s(const H5Group& group, const std::string& name,
                                      std::int64_t length = kAnyLength);
// A 2-D float64 dataset; `cols` (or `rows`) = kAnyLength accepts any.
Eigen::MatrixXd read_matrix(const H5Group& group, const std::string& name, std::int64_t rows,
                            std::int64_t cols);
std::string read_scalar_string(const H5Group& group, const std::string& name);

// Every dataset below `group` (recursively), keyed by `prefix` + its path relative to `group`,
// skipping direct children named in `skip`.
void collect_arrays(const H5Group& group, const std::string& prefix,
                    const std::vector<std::string>& skip, std::map<std::string, Array>& out);

}  // namespace acuroi::store::detail
