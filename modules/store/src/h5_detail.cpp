#include "h5_detail.hpp"

#include "acuroi/core/error.hpp"

namespace acuroi::store::detail {

H5Id::~H5Id() { release(); }

H5Id& H5Id::operator=(H5Id&& other) noexcept {
  if (this != &other) {
    release();
    id_ = other.id_;
    other.id_ = -1;
  }
  return *this;
}

bool H5Id::release() {
  if (id_ < 0) return true;
  const bool ok = H5Idec_ref(id_) >= 0;
  id_ = -1;
  return ok;
}

void quiet_hdf5_errors() {
  thread_local bool quiet = false;
  if (!quiet) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    quiet = true;
  }
}

namespace {
herr_t collect_message(unsigned /*depth*/, const H5E_error2_t* error, void* out) {
  auto& text = *static_cast<std::string*>(out);
  if (error->desc == nullptr || error->desc[0] == '\0') return 0;
  if (!text.empty()) text += "; ";
  text += error->desc;
  return 0;
}
}  // namespace

void throw_hdf5_error(const std::string& file, const std::string& what) {
  std::string messages;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_message, &messages);
  H5Eclear2(H5E_DEFAULT);
  throw core::Error(file + ": " + what + (messages.empty() ? "" : ": HDF5: " + messages));
}

H5Id group_creation_plist() {
  H5Id plist(H5Pcreate(H5P_GROUP_CREATE));
  if (plist.get() < 0 || H5Pset_obj_track_times(plist.get(), false) < 0)
    throw_hdf5_error("(HDF5)", "cannot make a group creation property list");
  return plist;
}

H5Id dataset_creation_plist() {
  H5Id plist(H5Pcreate(H5P_DATASET_CREATE));
  if (plist.get() < 0 || H5Pset_obj_track_times(plist.get(), false) < 0)
    throw_hdf5_error("(HDF5)", "cannot make a dataset creation property list");
  return plist;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    std::string part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..")
      throw core::Error("HDF5 path \"" + path +
                        "\": components must be non-empty names (no leading '/', '.', '..')");
    parts.push_back(std::move(part));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

ObjectKind object_kind(hid_t location, const std::string& path) {
  quiet_hdf5_errors();
  std::string prefix;
  for (const std::string& part : split_path(path)) {
    prefix += prefix.empty() ? part : "/" + part;
    if (H5Lexists(location, prefix.c_str(), H5P_DEFAULT) <= 0) {
      H5Eclear2(H5E_DEFAULT);
      return ObjectKind::missing;
    }
    H5Id object(H5Oopen(location, prefix.c_str(), H5P_DEFAULT));
    if (object.get() < 0) {  // a dangling soft/external link
      H5Eclear2(H5E_DEFAULT);
      return ObjectKind::missing;
    }
    const H5I_type_t type = H5Iget_type(object.get());
    if (prefix.size() == path.size())
      return type == H5I_GROUP     ? ObjectKind::group
             : type == H5I_DATASET ? ObjectKind::dataset
                                   : ObjectKind::other;
    if (type != H5I_GROUP) return ObjectKind::missing;  // "a/b" where a is not a group
  }
  return ObjectKind::missing;
}

}  // namespace acuroi::store::detail
