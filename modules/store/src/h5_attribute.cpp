// Attributes of H5Group: scalar int64, float64 and UTF-8 string values.
#include <algorithm>

#include "acuroi/core/error.hpp"
#include "h5_detail.hpp"

namespace acuroi::store {

using detail::check;
using detail::check_id;
using detail::H5Id;

namespace {

H5Id variable_utf8_type(H5T_cset_t cset = H5T_CSET_UTF8) {
  H5Id type(H5Tcopy(H5T_C_S1));
  if (type.get() < 0 || H5Tset_size(type.get(), H5T_VARIABLE) < 0 ||
      H5Tset_cset(type.get(), cset) < 0)
    detail::throw_hdf5_error("(HDF5)", "cannot make a string type");
  return type;
}

void create_attribute(hid_t location, const std::string& name, hid_t file_type, hid_t memory_type,
                      const void* buffer, const std::string& file, const std::string& what) {
  const H5Id space(check_id(H5Screate(H5S_SCALAR), file, what));
  H5Id attribute(
      H5Acreate2(location, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT));
  check_id(attribute.get(), file, what);
  check(H5Awrite(attribute.get(), memory_type, buffer), file, what);
  if (!attribute.release()) detail::throw_hdf5_error(file, what);
}

std::string read_string_value(hid_t attribute, hid_t file_type, hid_t space,
                              const std::string& file, const std::string& what) {
  if (H5Tis_variable_str(file_type) > 0) {
    const H5Id type = variable_utf8_type(H5Tget_cset(file_type));
    char* pointer = nullptr;
    check(H5Aread(attribute, type.get(), &pointer), file, what);
    std::string value = pointer == nullptr ? "" : pointer;
    H5Dvlen_reclaim(type.get(), space, H5P_DEFAULT, &pointer);
    return value;
  }
  const std::size_t width = H5Tget_size(file_type);
  const H5Id type(check_id(H5Tcopy(file_type), file, what));
  std::string value(width, '\0');
  check(H5Aread(attribute, type.get(), value.data()), file, what);
  value.resize(std::min(value.find('\0'), value.size()));
  if (H5Tget_strpad(file_type) == H5T_STR_SPACEPAD) value.erase(value.find_last_not_of(' ') + 1);
  return value;
}

herr_t collect_attribute_name(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

}  // namespace

void H5Group::write_attribute(const std::string& name, const AttributeValue& value) {
  detail::quiet_hdf5_errors();
  const std::string what = "cannot write attribute " + name + " of " + path_;
  if (has_attribute(name)) throw core::Error(file_name_ + ": " + what + ": it exists already");
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    create_attribute(id_.get(), name, H5T_STD_I64LE, H5T_NATIVE_INT64, i, file_name_, what);
  } else if (const auto* d = std::get_if<double>(&value)) {
    create_attribute(id_.get(), name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, d, file_name_, what);
  } else {
    const H5Id type = variable_utf8_type();
    const char* pointer = std::get<std::string>(value).c_str();
    create_attribute(id_.get(), name, type.get(), type.get(), &pointer, file_name_, what);
  }
}

bool H5Group::has_attribute(const std::string& name) const {
  detail::quiet_hdf5_errors();
  const htri_t exists = H5Aexists(id_.get(), name.c_str());
  check(exists < 0 ? -1 : 0, file_name_, "cannot look up attribute " + name + " of " + path_);
  return exists > 0;
}

AttributeValue H5Group::read_attribute(const std::string& name) const {
  detail::quiet_hdf5_errors();
  const std::string what = "cannot read attribute " + name + " of " + path_;
  if (!has_attribute(name))
    throw core::InputError(file_name_, path_ + "@" + name, "", "no such attribute");
  const H5Id attribute(check_id(H5Aopen(id_.get(), name.c_str(), H5P_DEFAULT), file_name_, what));
  const H5Id space(check_id(H5Aget_space(attribute.get()), file_name_, what));
  const H5Id type(check_id(H5Aget_type(attribute.get()), file_name_, what));
  if (H5Sget_simple_extent_npoints(space.get()) != 1)
    throw core::InputError(file_name_, path_ + "@" + name, "", "attribute is not a single value");
  switch (H5Tget_class(type.get())) {
    case H5T_INTEGER: {
      std::int64_t value = 0;
      check(H5Aread(attribute.get(), H5T_NATIVE_INT64, &value), file_name_, what);
      return value;
    }
    case H5T_FLOAT: {
      double value = 0;
      check(H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value), file_name_, what);
      return value;
    }
    case H5T_STRING:
      return read_string_value(attribute.get(), type.get(), space.get(), file_name_, what);
    default:
      throw core::InputError(file_name_, path_ + "@" + name, "", "unsupported attribute type");
  }
}

std::string H5Group::read_string_attribute(const std::string& name) const {
  const AttributeValue value = read_attribute(name);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  throw core::InputError(file_name_, path_ + "@" + name, "", "attribute is not a string");
}

double H5Group::read_double_attribute(const std::string& name) const {
  const AttributeValue value = read_attribute(name);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  throw core::InputError(file_name_, path_ + "@" + name, std::get<std::string>(value),
                         "attribute is not a number");
}

std::int64_t H5Group::read_int_attribute(const std::string& name) const {
  const AttributeValue value = read_attribute(name);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
  throw core::InputError(file_name_, path_ + "@" + name, "", "attribute is not an integer");
}

std::vector<std::string> H5Group::attribute_names() const {
  detail::quiet_hdf5_errors();
  std::vector<std::string> names;
  hsize_t index = 0;
  check(H5Aiterate2(id_.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_attribute_name, &names),
        file_name_, "cannot list attributes of " + path_);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace acuroi::store
