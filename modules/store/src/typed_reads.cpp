#include "typed_reads.hpp"

#include <algorithm>

#include "acuroi/core/error.hpp"

namespace acuroi::store::detail {

namespace {

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

template <class T>
std::vector<T> read_vector(const H5Group& group, const std::string& name, std::int64_t length,
                           const char* type_name) {
  Array array = group.read_array(name);
  auto* values = std::get_if<std::vector<T>>(&array.data);
  if (values == nullptr)
    throw core::InputError(group.file_name(), group.child_path(name), element_type_name(array.data),
                           std::string("expected ") + type_name);
  if (array.shape.size() != 1 || (length != kAnyLength && array.shape[0] != length))
    throw core::InputError(
        group.file_name(), group.child_path(name), shape_text(array.shape),
        "expected a 1-D dataset" +
            (length == kAnyLength ? "" : " of length " + std::to_string(length)));
  return std::move(*values);
}

}  // namespace

std::vector<std::string> read_strings(const H5Group& group, const std::string& name,
                                      std::int64_t length) {
  return read_vector<std::string>(group, name, length, "string");
}
std::vector<double> read_doubles(const H5Group& group, const std::string& name,
                                 std::int64_t length) {
  return read_vector<double>(group, name, length, "float64");
}
std::vector<std::int64_t> read_int64s(const H5Group& group, const std::string& name,
                                      std::int64_t length) {
  return read_vector<std::int64_t>(group, name, length, "int64");
}

Eigen::MatrixXd read_matrix(const H5Group& group, const std::string& name, std::int64_t rows,
                            std::int64_t cols) {
  const Array array = group.read_array(name);
  const bool ok_shape = array.shape.size() == 2 && (rows == kAnyLength || array.shape[0] == rows) &&
                        (cols == kAnyLength || array.shape[1] == cols);
  if (!std::holds_alternative<std::vector<double>>(array.data) || !ok_shape)
    throw core::InputError(
        group.file_name(), group.child_path(name),
        element_type_name(array.data) + " " + shape_text(array.shape),
        "expected a 2-D float64 dataset with " +
            (cols == kAnyLength ? std::string("any number of") : std::to_string(cols)) +
            " columns");
  return to_matrix(array);
}

std::string read_scalar_string(const H5Group& group, const std::string& name) {
  Array array = group.read_array(name);
  auto* values = std::get_if<std::vector<std::string>>(&array.data);
  if (values == nullptr || values->size() != 1)
    throw core::InputError(group.file_name(), group.child_path(name), shape_text(array.shape),
                           "expected one string");
  return std::move(values->front());
}

void collect_arrays(const H5Group& group, const std::string& prefix,
                    const std::vector<std::string>& skip, std::map<std::string, Array>& out) {
  for (const std::string& name : group.child_names()) {
    if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    if (group.has_dataset(name))
      out[prefix + name] = group.read_array(name);
    else if (group.has_group(name))
      collect_arrays(group.open_group(name), prefix + name + "/", {}, out);
  }
}

}  // namespace acuroi::store::detail
