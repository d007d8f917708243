// A small HDF5 layer for acuroi's files, without exposing hdf5.h: files and groups as RAII
// handles; datasets and attributes as store::Array / store::AttributeValue.
//
// A created file is built in memory and written to disk by close() in one go: an H5File that is
// destroyed without close() (an exception) writes nothing, and a failing disk write is an
// exception from close(), never a half-closed HDF5 file. Files are read from disk directly.
//
// Conventions: paths inside a file are '/'-separated and relative to the group they are used on;
// missing intermediate groups are created. Objects carry no timestamps, so the same writes give
// byte-identical files. Datasets larger than 64 KiB are chunked and gzip-compressed (with shuffle).
// Strings are UTF-8, variable length unless DatasetOptions say fixed length. Writing never
// overwrites: an existing dataset, group or attribute of the same name is an error.
// Failures throw core::Error naming the file and the object (with HDF5's own message);
// reading a missing or mistyped object throws core::InputError (file, object path, value).
//
//   H5File file = H5File::create(temporary_path);
//   file.root().write_array("rois/names", vector_array(names));
//   file.root().create_group("sessions/pre").write_attribute("tr_seconds", 2.0);
//   file.close();   // writes the file; throws if that fails
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/store/values.hpp"

namespace acuroi::store {

namespace detail {
// Owns one reference to an HDF5 identifier (hid_t is int64_t); releases it when destroyed.
class H5Id {
 public:
  H5Id() = default;
  explicit H5Id(std::int64_t id) : id_(id) {}
  ~H5Id();
  H5Id(H5Id&& other) noexcept : id_(other.id_) { other.id_ = -1; }
  H5Id& operator=(H5Id&& other) noexcept;
  H5Id(const H5Id&) = delete;
  H5Id& operator=(const H5Id&) = delete;
  std::int64_t get() const { return id_; }
  // Releases the reference now; returns false if HDF5 reported an error.
  bool release();
  // Gives up ownership without releasing (after the id was closed by other means).
  std::int64_t take() {
    const std::int64_t id = id_;
    id_ = -1;
    return id;
  }

 private:
  std::int64_t id_ = -1;
};
}  // namespace detail

enum class StringStorage { variable_length, fixed_length };

struct DatasetOptions {
  StringStorage string_storage = StringStorage::variable_length;
};

class H5Group {
 public:
  // Creates a group at `path` (and any missing parents); error if it exists already.
  H5Group create_group(const std::string& path);
  // Opens `path` if it is a group, creates it (and parents) if it does not exist.
  H5Group require_group(const std::string& path);
  H5Group open_group(const std::string& path) const;

  bool has_group(const std::string& path) const;
  bool has_dataset(const std::string& path) const;
  // Names of the direct children (groups and datasets), sorted by name.
  std::vector<std::string> child_names() const;

  void write_array(const std::string& path, const Array& array, const DatasetOptions& options = {});
  Array read_array(const std::string& path) const;

  void write_attribute(const std::string& name, const AttributeValue& value);
  bool has_attribute(const std::string& name) const;
  AttributeValue read_attribute(const std::string& name) const;
  // Typed reads: core::InputError if missing or of another type (an int64 reads as a double).
  std::string read_string_attribute(const std::string& name) const;
  double read_double_attribute(const std::string& name) const;
  std::int64_t read_int_attribute(const std::string& name) const;
  // Names of this group's attributes, sorted by name.
  std::vector<std::string> attribute_names() const;

  // This group's path in the file ("/" for the root) and the file's name, for messages.
  const std::string& path() const { return path_; }
  const std::string& file_name() const { return file_name_; }
  // "/sessions/pre" + "runs" → "/sessions/pre/runs".
  std::string child_path(const std::string& relative) const;

 private:
  friend class H5File;
  H5Group(detail::H5Id id, std::string path, std::string file_name)
      : id_(std::move(id)), path_(std::move(path)), file_name_(std::move(file_name)) {}
  detail::H5Id id_;
  std::string path_, file_name_;
};

class H5File {
 public:
  // Starts a new file, in memory, that close() writes to `path` (replacing what is there).
  static H5File create(const std::filesystem::path& path);
  // Opens an existing file read-only; core::InputError if it is not an HDF5 file.
  static H5File open_read_only(const std::filesystem::path& path);

  H5Group root() const;
  // Closes the file; a created file is written to its path first. Throws core::Error if groups
  // are still open (the file stays open and usable) or if writing fails.
  void close();
  const std::string& file_name() const { return file_name_; }

 private:
  H5File(detail::H5Id id, std::string file_name, bool in_memory)
      : id_(std::move(id)), file_name_(std::move(file_name)), in_memory_(in_memory) {}
  void write_image_and_close();
  detail::H5Id id_;
  std::string file_name_;
  bool in_memory_ = false;
};

}  // namespace acuroi::store
