#include "acuroi/store/values.hpp"

#include "acuroi/core/error.hpp"

namespace acuroi::store {

std::int64_t Array::element_count() const {
  std::int64_t n = 1;
  for (const std::int64_t d : shape) n *= d;
  return n;
}

std::int64_t Array::value_count() const {
  return std::visit([](const auto& v) { return static_cast<std::int64_t>(v.size()); }, data);
}

Array matrix_array(const Eigen::MatrixXd& matrix) {
  std::vector<double> values(static_cast<std::size_t>(matrix.size()));
  Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      values.data(), matrix.rows(), matrix.cols()) = matrix;
  return Array{{matrix.rows(), matrix.cols()}, std::move(values)};
}

Eigen::MatrixXd to_matrix(const Array& array) {
  const auto* values = std::get_if<std::vector<double>>(&array.data);
  if (values == nullptr)
    throw core::Error("to_matrix: array holds " + element_type_name(array.data) + ", not float64");
  if (array.shape.size() > 2 || array.element_count() != array.value_count())
    throw core::Error("to_matrix: array of rank " + std::to_string(array.shape.size()) + " with " +
                      std::to_string(array.value_count()) + " values is not a 1-D or 2-D matrix");
  const std::int64_t rows = array.shape.empty() ? 1 : array.shape[0];
  const std::int64_t cols = array.shape.size() == 2 ? array.shape[1] : 1;
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      values->data(), rows, cols);
}

std::string element_type_name(const ArrayData& data) {
  switch (data.index()) {
    case 0:
      return "float64";
    case 1:
      return "float32";
    case 2:
      return "int64";
    case 3:
      return "uint8";
    default:
      return "string";
  }
}

}  // namespace acuroi::store
