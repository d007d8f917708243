// Builds small fMRIPrep-style derivatives trees for the dataset tests. File names are spelled
// out by hand here (not with format_bids_name) so the tests check the naming contract itself.
#pragma once
#include <filesystem>
#include <string>

#include "test_files.hpp"

namespace acuroi::test {

struct RunSpec {
  std::string participant{}, session{}, task = "rest", run{};  // run "" = no run entity
  std::string space = "MNI152NLin6Asym", res{};                // res "" = no res entity
  std::string extension = ".nii.gz";
  bool bold = true, mask = true, confounds = true, sidecar = false, events = false;
};

inline std::string run_prefix(const RunSpec& r) {
  std::string s = "sub-" + r.participant + "_ses-" + r.session + "_task-" + r.task;
  if (!r.run.empty()) s += "_run-" + r.run;
  return s;
}

inline std::string space_part(const RunSpec& r) {
  return "_space-" + r.space + (r.res.empty() ? "" : "_res-" + r.res);
}

inline fs::path func_folder(const fs::path& root, const RunSpec& r) {
  return root / ("sub-" + r.participant) / ("ses-" + r.session) / "func";
}

inline fs::path bold_path(const fs::path& root, const RunSpec& r) {
  return func_folder(root, r) /
         (run_prefix(r) + space_part(r) + "_desc-preproc_bold" + r.extension);
}
inline fs::path mask_path(const fs::path& root, const RunSpec& r) {
  return func_folder(root, r) / (run_prefix(r) + space_part(r) + "_desc-brain_mask" + r.extension);
}
inline fs::path confounds_path(const fs::path& root, const RunSpec& r) {
  return func_folder(root, r) / (run_prefix(r) + "_desc-confounds_timeseries.tsv");
}
inline fs::path sidecar_path(const fs::path& root, const RunSpec& r) {
  return func_folder(root, r) / (run_prefix(r) + space_part(r) + "_desc-preproc_bold.json");
}
inline fs::path events_path(const fs::path& root, const RunSpec& r) {
  return func_folder(root, r) / (run_prefix(r) + "_events.tsv");
}

// Creates the files of one run (empty placeholders: discovery does not read them).
inline void make_run(const fs::path& root, const RunSpec& r) {
  fs::create_directories(func_folder(root, r));
  if (r.bold) write_file(bold_path(root, r), "");
  if (r.mask) write_file(mask_path(root, r), "");
  if (r.confounds) write_file(confounds_path(root, r), "");
  if (r.sidecar) write_file(sidecar_path(root, r), "{\"RepetitionTime\": 2.0}\n");
  if (r.events) write_file(events_path(root, r), "onset\tduration\ttrial_type\n");
}

}  // namespace acuroi::test
