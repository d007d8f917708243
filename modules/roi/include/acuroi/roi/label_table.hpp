// Label tables: which integer value of an atlas image means which region name.
//
// Two forms are read:
//   * BIDS `*_dseg.tsv`: tab-separated with a header; columns `index` (integer) and `name`
//     (other columns, e.g. `abbreviation`, `color`, are ignored). Chosen for files ending .tsv.
//   * the mricron/MRIcroGL `.txt` form (e.g. /usr/share/mricron/templates/aal.nii.txt): one label
//     per line, `<index> <name> [<extra>...]` separated by spaces or tabs; blank lines and lines
//     starting with '#' are skipped; CRLF accepted. Chosen for any other extension.
// Values must be integers and unique within a table (else core::InputError naming file and line).
// Value 0 is the background: it may appear in a table (JHU does) but never becomes an ROI.
//
//   LabelTable aal = read_label_table("/usr/share/mricron/templates/aal.nii.txt");
//   std::optional<std::int32_t> v = aal.value_of("Insula_L");   // 29
//   std::string n = aal.name_of(29);                            // "Insula_L"
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::roi {

struct LabelEntry {
  std::int32_t value = 0;
  std::string name;
};

class LabelTable {
 public:
  LabelTable() = default;
  LabelTable(std::string source, std::vector<LabelEntry> entries);

  const std::string& source() const { return source_; }                // file it was read from
  const std::vector<LabelEntry>& entries() const { return entries_; }  // file order
  bool empty() const { return entries_.empty(); }

  std::optional<std::int32_t> value_of(std::string_view name) const;  // first entry of that name
  bool lists(std::int32_t value) const;
  // The table's name for `value`, or the value as text ("17") when the table does not list it.
  std::string name_of(std::int32_t value) const;

 private:
  std::string source_;
  std::vector<LabelEntry> entries_;
};

// Reads either form (chosen by extension, see above). Throws core::InputError.
LabelTable read_label_table(const std::filesystem::path& path);

// The mricron text form from memory; `source` names it in error messages.
LabelTable parse_mricron_label_text(std::string_view text, const std::string& source);

}  // namespace acuroi::roi
