// Values as they are stored in acuroi's HDF5 files, with no HDF5 types: n-dimensional arrays
// (row-major, C order — what h5py/numpy read) and scalar attributes.
//
// Element types map to HDF5 little-endian types: double → float64, float → float32,
// int64 → int64, uint8 → uint8, std::string → UTF-8 string (variable length by default).
// NaN is stored as NaN; what it means is said by the dataset (see SCHEMA.md).
//
//   Array ts = matrix_array(roi_time_series);          // Eigen T×R → shape {T, R}
//   Array mask = vector_array(std::vector<std::uint8_t>{1, 1, 0});
//   AttributeValue tr = 2.0;
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace acuroi::store {

using ArrayData = std::variant<std::vector<double>, std::vector<float>, std::vector<std::int64_t>,
                               std::vector<std::uint8_t>, std::vector<std::string>>;

struct Array {
  // {} = scalar (one value), {n} = 1-D, {rows, cols} = 2-D; values in row-major order.
  std::vector<std::int64_t> shape;
  ArrayData data;

  // Product of `shape` (1 for a scalar).
  std::int64_t element_count() const;
  // Number of values actually held by `data`.
  std::int64_t value_count() const;
};

using AttributeValue = std::variant<std::int64_t, double, std::string>;

// 1-D array from a vector.
template <class T>
Array vector_array(std::vector<T> values) {
  const auto n = static_cast<std::int64_t>(values.size());
  return Array{{n}, ArrayData(std::move(values))};
}

// Scalar array holding one value (a string dataset such as the resolved config text).
template <class T>
Array scalar_array(T value) {
  return Array{{}, ArrayData(std::vector<T>{std::move(value)})};
}

// 2-D double array [rows × cols] from an Eigen matrix (converted to row-major order).
Array matrix_array(const Eigen::MatrixXd& matrix);

// The inverse of matrix_array: a 2-D double array as an Eigen matrix; a 1-D array becomes one
// column. Throws core::Error if `array` does not hold doubles or has rank > 2.
Eigen::MatrixXd to_matrix(const Array& array);

// "float64", "float32", "int64", "uint8" or "string" — for messages and tests.
std::string element_type_name(const ArrayData& data);

}  // namespace acuroi::store
