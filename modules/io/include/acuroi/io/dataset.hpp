// Discovery of a pre/post study in an fMRIPrep-style derivatives tree.
//
// The contract is fMRIPrep's naming (entities in [] are optional; <s> is the pre or post label):
//   <root>/participants.tsv   participant_id ("sub-01" or "01"), the arm column, covariates
// In <root>/sub-<p>/ses-<s>/func/, with <run> = sub-<p>_ses-<s>_task-<t>[_run-<n>] and
// <sp> = _space-<space>[_res-<r>]:
//   <run><sp>_desc-preproc_bold.nii[.gz]    the preprocessed BOLD (one per run)
//   <run><sp>_desc-brain_mask.nii[.gz]      its brain mask
//   <run>_desc-confounds_timeseries.tsv     its confounds
//   <run><sp>_desc-preproc_bold.json        sidecar (RepetitionTime), optional
//   <run>_events.tsv                        task events, optional
// In <root>/sub-<p>/anat/ (Participant::anat) or <root>/sub-<p>/ses-<s>/anat/ (Session::anat),
// optional:
//   sub-<p>[_ses-<s>]<sp>_label-GM_probseg.nii[.gz]
//   sub-<p>[_ses-<s>]<sp>_desc-brain_mask.nii[.gz]
// Other entities fMRIPrep carries over from the raw names (acq, ce, rec, dir, echo, ...) may appear
// and are kept: the mask, confounds, sidecar and events of a run are the names of its BOLD file
// with the space/res/desc/suffix changed. Files of other tasks, spaces or resolutions (when
// `resolution` is set) and sessions other than pre and post are ignored.
//
// A run is one preproc BOLD file; without `_run-` there is one run per session. Whatever is
// missing or inconsistent is listed in `Dataset::problems`, never guessed and never thrown:
// a participant folder not in participants.tsv or the reverse, an arm value that is empty or not
// allowed, a missing session, a run without BOLD, mask or confounds, several files where one is
// expected (e.g. two resolutions while `resolution` is unset), a broken symbolic link (a datalad
// file not fetched). core::InputError is thrown only when the root or participants.tsv is
// unusable (missing, no participant/arm column, an empty, repeated or non-alphanumeric id).
//
// Order is deterministic: participants by label, runs by run number (natural order: run-2 before
// run-10), problems by participant, session (pre, post), run.
//
//   Dataset ds = discover_dataset({.root = "/data/deriv", .arms = {"verum", "sham"},
//                                  .task = "rest", .space = "MNI152NLin2009cAsym"});
//   for (const auto& p : ds.participants) if (auto* pre = p.session("pre")) run(pre->runs);
//   for (const auto& problem : ds.problems) log_warning(describe(problem));
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::io {

struct DatasetSpec {
  std::filesystem::path root;
  std::filesystem::path participants_file = "participants.tsv";  // relative to root, or absolute
  std::string participant_column = "participant_id";
  std::string arm_column = "group";  // BIDS' usual name for the study arm
  std::vector<std::string> arms;     // allowed arm values; empty = any non-missing value
  std::string pre_session = "pre";
  std::string post_session = "post";
  std::string task;        // required, e.g. "rest"
  std::string space;       // required, e.g. "MNI152NLin2009cAsym"
  std::string resolution;  // the res entity to use ("2"); "" = any, but one file per run
  std::vector<std::string> participant_labels;  // only these ("01" or "sub-01"); empty = all
};

struct RunFiles {
  std::string run;   // the run label as written ("1", "02"); "" when the files have no run entity
  std::string stem;  // the name shared by the run's files, e.g. "sub-01_ses-pre_task-rest_run-1"
  std::filesystem::path bold, brain_mask, confounds;
  std::optional<std::filesystem::path> events, sidecar_json;
};

struct AnatFiles {
  std::optional<std::filesystem::path> gm_probseg, brain_mask;
};

struct Session {
  std::string label;           // "pre"
  std::vector<RunFiles> runs;  // complete runs only (BOLD, mask and confounds all present)
  AnatFiles anat;              // from sub-<p>/ses-<s>/anat
};

struct Participant {
  std::string label;  // "01", without "sub-"
  std::string arm;    // the arm column's text ("" when missing: see problems)
  std::map<std::string, std::string> covariates;  // every other participants.tsv column, as text
  std::map<std::string, Session> sessions;        // the pre/post sessions whose folder exists
  AnatFiles anat;                                 // from sub-<p>/anat (not session-specific)

  const Session* session(std::string_view label) const;  // nullptr when absent
};

struct DatasetProblem {
  std::string participant;     // label, "" when about the whole dataset
  std::string session;         // "" when not about one session
  std::string run;             // run label, "" when not about one run (or the run has no label)
  std::string what;            // "missing confounds file", ...
  std::filesystem::path path;  // the file or folder expected (or found, when it is the problem)
  bool operator==(const DatasetProblem&) const = default;
};

struct Dataset {
  DatasetSpec spec;
  std::filesystem::path participants_file;  // resolved path
  // Every participant listed in participants.tsv (and selected) that has a folder, even when it
  // has problems: check `problems` (or has_problems) before using one.
  std::vector<Participant> participants;
  std::vector<DatasetProblem> problems;

  const Participant* participant(std::string_view label) const;  // "01" or "sub-01"
  bool has_problems(std::string_view participant_label) const;
};

Dataset discover_dataset(const DatasetSpec& spec);

// "sub-01 ses-post run-2: missing confounds file: <path>"
std::string describe(const DatasetProblem& problem);

}  // namespace acuroi::io
