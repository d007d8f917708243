// BIDS-style file names: key-value entities, a suffix and an extension.
//
//   sub-01_ses-pre_task-rest_run-1_space-MNI152NLin6Asym_res-2_desc-preproc_bold.nii.gz
//   entities: key-value pairs joined by '_' ......................... suffix extension
//
// The entities used by acuroi have named fields; any other entity (rec, dir, echo, hemi, cohort,
// ...) is kept in `other_entities`. The extension is everything from the first '.' (".nii.gz").
// Formatting writes entities in the BIDS order (sub ses task acq ... run ... space cohort res label
// desc); entities of unknown order go last, before the suffix, in the order they were given.
//
//   auto name = parse_bids_name("sub-01_ses-pre_task-rest_desc-confounds_timeseries.tsv");
//   if (name && name->suffix == "timeseries") use(name->sub, name->run);   // run == "" if absent
//   name->desc = "brain"; name->suffix = "mask"; std::string f = format_bids_name(*name);
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::io {

struct BidsEntity {
  std::string key, value;
  bool operator==(const BidsEntity&) const = default;
};

struct BidsName {
  std::string sub, ses, task, acq, run, space, res, label, desc;  // "" when absent
  std::vector<BidsEntity> other_entities;                         // in the order read
  std::string suffix;     // "bold", "mask", "timeseries", "probseg", "events", ...
  std::string extension;  // ".nii.gz", ".tsv", ".json"; "" when the name has no '.'

  // The value of any entity (named or other), "" when absent.
  std::string entity(std::string_view key) const;
  // Sets any entity (named field or other); an empty value removes it.
  void set_entity(std::string_view key, std::string value);
  bool operator==(const BidsName&) const = default;
};

// Parses the file-name part of `path_or_name`. nullopt unless every '_'-separated part before the
// last is key-value (key alphanumeric; value non-empty without '-', '_', '.' or '/'), no key
// repeats, and the last part (the suffix) is non-empty alphanumeric.
std::optional<BidsName> parse_bids_name(std::string_view path_or_name);

// The file name for `name` (no directory).
std::string format_bids_name(const BidsName& name);

// Compares labels the way people count: digit runs by value, so "2" < "10" and "run2" < "run10";
// equal values ("01" vs "1") fall back to plain text order, so the order is total.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace acuroi::io
