// H5Group::read_array: one dataset into a store::Array, keeping its element type.
#include <algorithm>

#include "acuroi/core/error.hpp"
#include "h5_detail.hpp"

namespace acuroi::store {

using detail::check;
using detail::check_id;
using detail::H5Id;

namespace {

struct DatasetSource {
  hid_t dataset;
  hid_t space;
  std::int64_t count;
  std::string full_path;
  std::string file;
};

template <class T>
std::vector<T> read_numeric(const DatasetSource& source, hid_t memory_type) {
  std::vector<T> values(static_cast<std::size_t>(source.count));
  if (source.count > 0)
    check(H5Dread(source.dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          source.file, "cannot read dataset " + source.full_path);
  return values;
}

std::vector<std::string> read_variable_strings(const DatasetSource& source, hid_t file_type) {
  H5Id type(H5Tcopy(H5T_C_S1));
  check_id(type.get(), source.file, "cannot make a string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), source.file, "cannot make a string type");
  check(H5Tset_cset(type.get(), H5Tget_cset(file_type)), source.file, "cannot make a string type");
  std::vector<char*> pointers(static_cast<std::size_t>(source.count), nullptr);
  std::vector<std::string> values;
  if (source.count == 0) return values;
  check(H5Dread(source.dataset, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        source.file, "cannot read dataset " + source.full_path);
  for (const char* p : pointers) values.emplace_back(p == nullptr ? "" : p);
  H5Dvlen_reclaim(type.get(), source.space, H5P_DEFAULT, pointers.data());
  return values;
}

std::vector<std::string> read_fixed_strings(const DatasetSource& source, hid_t file_type) {
  const std::size_t width = H5Tget_size(file_type);
  H5Id type(H5Tcopy(file_type));
  check_id(type.get(), source.file, "cannot make a string type");
  std::vector<char> buffer(width * static_cast<std::size_t>(source.count));
  std::vector<std::string> values;
  if (source.count == 0) return values;
  check(H5Dread(source.dataset, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
        source.file, "cannot read dataset " + source.full_path);
  const bool space_padded = H5Tget_strpad(file_type) == H5T_STR_SPACEPAD;
  for (std::size_t i = 0; i < static_cast<std::size_t>(source.count); ++i) {
    std::string s(buffer.data() + i * width, width);
    s.resize(std::min(s.find('\0'), s.size()));
    if (space_padded) s.erase(s.find_last_not_of(' ') + 1);
    values.push_back(std::move(s));
  }
  return values;
}

std::vector<std::int64_t> read_shape(hid_t space, const std::string& file,
                                     const std::string& full_path) {
  const H5S_class_t kind = H5Sget_simple_extent_type(space);
  if (kind == H5S_SCALAR) return {};
  if (kind != H5S_SIMPLE)
    throw core::InputError(file, full_path, "", "dataset has no data (null dataspace)");
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  check(H5Sget_simple_extent_dims(space, dims.data(), nullptr), file,
        "cannot read shape of " + full_path);
  return std::vector<std::int64_t>(dims.begin(), dims.end());
}

ArrayData read_data(const DatasetSource& source, hid_t file_type) {
  switch (H5Tget_class(file_type)) {
    case H5T_FLOAT:
      if (H5Tget_size(file_type) == 4) return read_numeric<float>(source, H5T_NATIVE_FLOAT);
      return read_numeric<double>(source, H5T_NATIVE_DOUBLE);
    case H5T_INTEGER:
      if (H5Tget_size(file_type) == 1 && H5Tget_sign(file_type) == H5T_SGN_NONE)
        return read_numeric<std::uint8_t>(source, H5T_NATIVE_UINT8);
      return read_numeric<std::int64_t>(source, H5T_NATIVE_INT64);
    case H5T_STRING:
      if (H5Tis_variable_str(file_type) > 0) return read_variable_strings(source, file_type);
      return read_fixed_strings(source, file_type);
    default:
      throw core::InputError(source.file, source.full_path, "", "unsupported element type");
  }
}

}  // namespace

Array H5Group::read_array(const std::string& path) const {
  detail::quiet_hdf5_errors();
  const std::string full_path = child_path(path);
  if (detail::object_kind(id_.get(), path) != detail::ObjectKind::dataset)
    throw core::InputError(file_name_, full_path, "", "no such dataset");
  const std::string what = "cannot read dataset " + full_path;
  const H5Id dataset(check_id(H5Dopen2(id_.get(), path.c_str(), H5P_DEFAULT), file_name_, what));
  const H5Id space(check_id(H5Dget_space(dataset.get()), file_name_, what));
  const H5Id type(check_id(H5Dget_type(dataset.get()), file_name_, what));
  Array array;
  array.shape = read_shape(space.get(), file_name_, full_path);
  const DatasetSource source{dataset.get(), space.get(), array.element_count(), full_path,
                             file_name_};
  array.data = read_data(source, type.get());
  return array;
}

}  // namespace acuroi::store
