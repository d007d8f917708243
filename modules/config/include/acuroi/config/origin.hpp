// Where a setting was written: the file, the 1-based line and column, and its dotted key.
//
// Origins are metadata, not content: any two Origins compare equal, so two configs with the
// same settings are equal (and hash the same) wherever they were written.
//
//   const RegionSpec& r = config.rois.regions[0];
//   throw core::ConfigError(r.origin.file.string(), r.origin.line, r.origin.column,
//                           r.origin.key + ".labels", "Insula_X", "no such label in aal.nii.txt");
#pragma once
#include <filesystem>
#include <string>

namespace acuroi::config {

struct Origin {
  std::filesystem::path file;  // the YAML file as named in messages (as given, or "<config>")
  int line = 0;                // 1-based; 0 = not known
  int column = 0;              // 1-based; 0 = not known
  std::string key;             // dotted key, e.g. "rois.regions[2]" or "regions[0]" in a preset

  // "file:line:column (key)" for messages.
  std::string describe() const;

  friend bool operator==(const Origin&, const Origin&) { return true; }
};

}  // namespace acuroi::config
