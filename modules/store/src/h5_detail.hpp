// Private helpers of the HDF5 layer: error checking, property lists and path handling.
// Only files in modules/store/src include this (and hdf5.h).
#pragma once
#include <hdf5.h>

#include <string>
#include <vector>

#include "acuroi/store/h5_file.hpp"

namespace acuroi::store::detail {

static_assert(sizeof(hid_t) == sizeof(std::int64_t), "H5Id stores hid_t as int64_t");

// Stops HDF5 from printing its error stack (library code never prints); once per thread.
void quiet_hdf5_errors();

// Throws core::Error "<file>: <what>: <HDF5's messages>" and clears HDF5's error stack.
[[noreturn]] void throw_hdf5_error(const std::string& file, const std::string& what);

inline hid_t check_id(hid_t id, const std::string& file, const std::string& what) {
  if (id < 0) throw_hdf5_error(file, what);
  return id;
}
inline void check(herr_t status, const std::string& file, const std::string& what) {
  if (status < 0) throw_hdf5_error(file, what);
}

// Creation property lists with object timestamps disabled (deterministic bytes).
H5Id group_creation_plist();
H5Id dataset_creation_plist();

// "a/b/c" → {"a", "b", "c"}; core::Error for empty, ".", ".." components or a leading '/'.
std::vector<std::string> split_path(const std::string& path);

enum class ObjectKind { missing, group, dataset, other };
// What `path` (relative to `location`) names, following each component; never throws for
// a missing path.
ObjectKind object_kind(hid_t location, const std::string& path);

}  // namespace acuroi::store::detail
