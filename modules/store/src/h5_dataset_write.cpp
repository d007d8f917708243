// H5Group::write_array: one dataset from a store::Array, chunked and compressed when large.
#include <algorithm>
#include <optional>

#include "acuroi/core/error.hpp"
#include "h5_detail.hpp"

namespace acuroi::store {

using detail::check;
using detail::check_id;
using detail::H5Id;

namespace {

constexpr std::size_t kChunkingThresholdBytes = 64 * 1024;
constexpr std::size_t kTargetChunkBytes = 256 * 1024;
constexpr unsigned kGzipLevel = 4;

struct NumericTypes {
  hid_t file_type;    // little-endian, what the file records
  hid_t memory_type;  // native, what our buffer holds
};
NumericTypes numeric_types(const std::vector<double>&) {
  return {H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE};
}
NumericTypes numeric_types(const std::vector<float>&) { return {H5T_IEEE_F32LE, H5T_NATIVE_FLOAT}; }
NumericTypes numeric_types(const std::vector<std::int64_t>&) {
  return {H5T_STD_I64LE, H5T_NATIVE_INT64};
}
NumericTypes numeric_types(const std::vector<std::uint8_t>&) {
  return {H5T_STD_U8LE, H5T_NATIVE_UINT8};
}

H5Id make_dataspace(const std::vector<std::int64_t>& shape) {
  if (shape.empty()) return H5Id(H5Screate(H5S_SCALAR));
  const std::vector<hsize_t> dims(shape.begin(), shape.end());
  return H5Id(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
}

// Chunks hold whole rows (all trailing dimensions) and about kTargetChunkBytes.
void set_chunked_compression(hid_t dcpl, const std::vector<std::int64_t>& shape,
                             std::size_t element_size, const std::string& file,
                             const std::string& what) {
  std::vector<hsize_t> chunk(shape.begin(), shape.end());
  std::size_t row_bytes = element_size;
  for (std::size_t d = 1; d < chunk.size(); ++d) row_bytes *= chunk[d];
  const hsize_t rows =
      std::max<hsize_t>(1, kTargetChunkBytes / std::max<std::size_t>(row_bytes, 1));
  chunk[0] = std::min<hsize_t>(chunk[0], rows);
  check(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), file, what);
  check(H5Pset_shuffle(dcpl), file, what);
  check(H5Pset_deflate(dcpl, kGzipLevel), file, what);
}

H5Id utf8_string_type(std::size_t fixed_size) {
  H5Id type(H5Tcopy(H5T_C_S1));
  const bool ok = type.get() >= 0 &&
                  H5Tset_size(type.get(), fixed_size == 0 ? H5T_VARIABLE : fixed_size) >= 0 &&
                  H5Tset_cset(type.get(), H5T_CSET_UTF8) >= 0 &&
                  (fixed_size == 0 || H5Tset_strpad(type.get(), H5T_STR_NULLPAD) >= 0);
  if (!ok) detail::throw_hdf5_error("(HDF5)", "cannot make a UTF-8 string type");
  return type;
}

struct DatasetTarget {
  hid_t location;
  std::string name;       // relative to location, a single component
  std::string full_path;  // for messages
  std::string file;
};

void create_and_write(const DatasetTarget& target, hid_t file_type, hid_t memory_type,
                      const std::vector<std::int64_t>& shape, hid_t dcpl, const void* buffer,
                      std::int64_t count) {
  const std::string what = "cannot write dataset " + target.full_path;
  const H5Id space = make_dataspace(shape);
  check_id(space.get(), target.file, what);
  H5Id dataset(H5Dcreate2(target.location, target.name.c_str(), file_type, space.get(), H5P_DEFAULT,
                          dcpl, H5P_DEFAULT));
  check_id(dataset.get(), target.file, what);
  if (count > 0)
    check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer), target.file,
          what);
  if (!dataset.release()) detail::throw_hdf5_error(target.file, what);
}

template <class T>
void write_numeric(const DatasetTarget& target, const std::vector<T>& values,
                   const std::vector<std::int64_t>& shape) {
  const NumericTypes types = numeric_types(values);
  const H5Id dcpl = detail::dataset_creation_plist();
  if (!shape.empty() && values.size() * sizeof(T) >= kChunkingThresholdBytes)
    set_chunked_compression(dcpl.get(), shape, sizeof(T), target.file,
                            "cannot set compression of " + target.full_path);
  create_and_write(target, types.file_type, types.memory_type, shape, dcpl.get(), values.data(),
                   static_cast<std::int64_t>(values.size()));
}

void write_strings(const DatasetTarget& target, const std::vector<std::string>& values,
                   const std::vector<std::int64_t>& shape, StringStorage storage) {
  const H5Id dcpl = detail::dataset_creation_plist();
  const auto count = static_cast<std::int64_t>(values.size());
  if (storage == StringStorage::variable_length) {
    const H5Id type = utf8_string_type(0);
    std::vector<const char*> pointers;
    for (const std::string& s : values) pointers.push_back(s.c_str());
    create_and_write(target, type.get(), type.get(), shape, dcpl.get(), pointers.data(), count);
    return;
  }
  std::size_t width = 1;  // HDF5 has no zero-length string type
  for (const std::string& s : values) width = std::max(width, s.size());
  const H5Id type = utf8_string_type(width);
  std::vector<char> buffer(width * values.size(), '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    std::copy(values[i].begin(), values[i].end(),
              buffer.begin() + static_cast<std::ptrdiff_t>(i * width));
  create_and_write(target, type.get(), type.get(), shape, dcpl.get(), buffer.data(), count);
}

std::string describe_shape(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

}  // namespace

void H5Group::write_array(const std::string& path, const Array& array,
                          const DatasetOptions& options) {
  detail::quiet_hdf5_errors();
  const std::string full_path = child_path(path);
  const bool negative =
      std::any_of(array.shape.begin(), array.shape.end(), [](auto d) { return d < 0; });
  if (negative || array.element_count() != array.value_count())
    throw core::InputError(
        file_name_, full_path, describe_shape(array.shape),
        "shape does not match the " + std::to_string(array.value_count()) + " values given");
  std::vector<std::string> parts = detail::split_path(path);
  const std::string leaf = parts.back();
  parts.pop_back();
  std::optional<H5Group> parent;
  if (!parts.empty()) {
    std::string parent_path = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) parent_path += "/" + parts[i];
    parent.emplace(require_group(parent_path));
  }
  const hid_t location = parent ? parent->id_.get() : id_.get();
  if (detail::object_kind(location, leaf) != detail::ObjectKind::missing)
    throw core::Error(file_name_ + ": cannot write dataset " + full_path +
                      ": an object of that name exists already");
  const DatasetTarget target{location, leaf, full_path, file_name_};
  std::visit(
      [&](const auto& values) {
        using Values = std::decay_t<decltype(values)>;
        if constexpr (std::is_same_v<Values, std::vector<std::string>>)
          write_strings(target, values, array.shape, options.string_storage);
        else
          write_numeric(target, values, array.shape);
      },
      array.data);
}

}  // namespace acuroi::store
