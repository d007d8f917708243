// H5File and the group operations of H5Group (datasets and attributes are in their own files).
#include <algorithm>
#include <fstream>

#include "acuroi/core/error.hpp"
#include "h5_detail.hpp"

namespace acuroi::store {

using detail::check;
using detail::check_id;
using detail::H5Id;
using detail::ObjectKind;

namespace {

constexpr std::size_t kMemoryIncrement = 1 << 20;  // the in-memory image grows 1 MiB at a time

// SEMI: closing a file whose groups or datasets are still open is an error, not a silent delay.
H5Id file_access_plist(bool in_memory) {
  H5Id fapl(H5Pcreate(H5P_FILE_ACCESS));
  bool ok = fapl.get() >= 0 && H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI) >= 0;
  if (in_memory)  // no backing store: the image is written by H5File::close
    ok = ok && H5Pset_fapl_core(fapl.get(), kMemoryIncrement, false) >= 0;
  else  // file locking is ignored on file systems that lack it (Lustre, some NFS)
    ok = ok && H5Pset_file_locking(fapl.get(), true, true) >= 0;
  if (!ok) detail::throw_hdf5_error("(HDF5)", "cannot make a file access property list");
  return fapl;
}

void write_bytes(const std::filesystem::path& path, const std::vector<char>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out)
    throw core::Error(path.string() + ": cannot write " + std::to_string(bytes.size()) +
                      " bytes (disk full or no permission?)");
}

}  // namespace

H5File H5File::create(const std::filesystem::path& path) {
  detail::quiet_hdf5_errors();
  H5Id fcpl(H5Pcreate(H5P_FILE_CREATE));
  // The file creation list is a group creation list too: it covers the root group's timestamps.
  if (fcpl.get() < 0 || H5Pset_obj_track_times(fcpl.get(), false) < 0)
    detail::throw_hdf5_error(path.string(), "cannot make a file creation property list");
  const H5Id fapl = file_access_plist(true);
  const hid_t id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get());
  check_id(id, path.string(), "cannot create HDF5 file");
  return H5File(H5Id(id), path.string(), true);
}

H5File H5File::open_read_only(const std::filesystem::path& path) {
  detail::quiet_hdf5_errors();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw core::InputError(path.string(), "file", path.string(), "does not exist or is not a file");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw core::InputError(path.string(), "format", "", "not an HDF5 file");
  }
  const H5Id fapl = file_access_plist(false);
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get());
  check_id(id, path.string(), "cannot open HDF5 file");
  return H5File(H5Id(id), path.string(), false);
}

H5Group H5File::root() const {
  detail::quiet_hdf5_errors();
  const hid_t id =
      check_id(H5Gopen2(id_.get(), "/", H5P_DEFAULT), file_name_, "cannot open group /");
  return H5Group(H5Id(id), "/", file_name_);
}

void H5File::close() {
  if (id_.get() < 0) return;
  detail::quiet_hdf5_errors();
  if (H5Fget_obj_count(id_.get(), H5F_OBJ_ALL | H5F_OBJ_LOCAL) > 1)
    throw core::Error(file_name_ + ": cannot close HDF5 file: groups or datasets are still open");
  if (in_memory_) {
    write_image_and_close();
    return;
  }
  if (H5Fclose(id_.get()) < 0) detail::throw_hdf5_error(file_name_, "cannot close HDF5 file");
  id_.take();
}

void H5File::write_image_and_close() {
  const std::string what = "cannot complete HDF5 file";
  check(H5Fflush(id_.get(), H5F_SCOPE_GLOBAL), file_name_, what);
  const ssize_t size = H5Fget_file_image(id_.get(), nullptr, 0);
  check(size < 0 ? -1 : 0, file_name_, what);
  std::vector<char> image(static_cast<std::size_t>(size));
  check(H5Fget_file_image(id_.get(), image.data(), image.size()) < 0 ? -1 : 0, file_name_, what);
  check(H5Fclose(id_.get()), file_name_, what);
  id_.take();
  write_bytes(file_name_, image);
}

std::string H5Group::child_path(const std::string& relative) const {
  return path_ == "/" ? "/" + relative : path_ + "/" + relative;
}

H5Group H5Group::create_group(const std::string& path) {
  detail::quiet_hdf5_errors();
  const std::vector<std::string> parts = detail::split_path(path);
  const H5Id gcpl = detail::group_creation_plist();
  std::string prefix;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    prefix += prefix.empty() ? parts[i] : "/" + parts[i];
    const ObjectKind kind = detail::object_kind(id_.get(), prefix);
    const bool last = i + 1 == parts.size();
    if (kind == ObjectKind::group && !last) continue;
    if (kind != ObjectKind::missing)
      throw core::Error(file_name_ + ": cannot create group " + child_path(prefix) +
                        ": an object of that name exists already");
    // Intermediate groups are made one by one so that they, too, carry no timestamps.
    H5Id created(H5Gcreate2(id_.get(), prefix.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT));
    check_id(created.get(), file_name_, "cannot create group " + child_path(prefix));
    if (last) return H5Group(std::move(created), child_path(prefix), file_name_);
  }
  throw core::Error(file_name_ + ": cannot create group " + child_path(path));
}

H5Group H5Group::require_group(const std::string& path) {
  if (detail::object_kind(id_.get(), path) == ObjectKind::group) return open_group(path);
  return create_group(path);
}

H5Group H5Group::open_group(const std::string& path) const {
  detail::quiet_hdf5_errors();
  if (detail::object_kind(id_.get(), path) != ObjectKind::group)
    throw core::InputError(file_name_, child_path(path), "", "no such group");
  const hid_t id = H5Gopen2(id_.get(), path.c_str(), H5P_DEFAULT);
  check_id(id, file_name_, "cannot open group " + child_path(path));
  return H5Group(H5Id(id), child_path(path), file_name_);
}

bool H5Group::has_group(const std::string& path) const {
  return detail::object_kind(id_.get(), path) == ObjectKind::group;
}

bool H5Group::has_dataset(const std::string& path) const {
  return detail::object_kind(id_.get(), path) == ObjectKind::dataset;
}

std::vector<std::string> H5Group::child_names() const {
  detail::quiet_hdf5_errors();
  H5G_info_t info{};
  check(H5Gget_info(id_.get(), &info), file_name_, "cannot list group " + path_);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length =
        H5Lget_name_by_idx(id_.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    check(static_cast<herr_t>(length < 0 ? -1 : 0), file_name_, "cannot list group " + path_);
    std::string name(static_cast<std::size_t>(length), '\0');
    H5Lget_name_by_idx(id_.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size() + 1,
                       H5P_DEFAULT);
    names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace acuroi::store
