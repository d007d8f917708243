// Matching the files of one func or anat folder to runs, by fMRIPrep's names.
#include <algorithm>
#include <system_error>

#include "acuroi/core/error.hpp"
#include "dataset_internal.hpp"

namespace acuroi::io::detail {

namespace fs = std::filesystem;

namespace {

const char* const kBrokenLink =
    "broken symbolic link (file content not present; with datalad: datalad get)";

bool is_nifti(const BidsName& n) { return n.extension == ".nii.gz" || n.extension == ".nii"; }

bool resolution_ok(const BidsName& n, const DatasetSpec& spec) {
  return spec.resolution.empty() || n.res == spec.resolution;
}

// The name shared by every file of a run: the BOLD name without space/cohort/res/desc/suffix.
BidsName run_stem(BidsName n) {
  n.space.clear();
  n.res.clear();
  n.desc.clear();
  n.set_entity("cohort", "");
  n.suffix.clear();
  n.extension.clear();
  return n;
}

std::string stem_text(const BidsName& stem) {
  std::string s = format_bids_name(stem);
  if (!s.empty() && s.back() == '_') s.pop_back();
  return s;
}

BidsName with(BidsName n, std::string desc, std::string suffix, std::string extension) {
  n.desc = std::move(desc);
  n.suffix = std::move(suffix);
  n.extension = std::move(extension);
  return n;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

struct RunCandidate {
  BidsName stem;
  std::vector<std::string> bold_names;  // preproc BOLD files in the space (and resolution)
};

// The file of a run that must exist: true when present; otherwise records why not.
bool require(const FolderListing& folder, const std::string& name, const std::string& what,
             const std::string& run, const ProblemSink& sink) {
  switch (folder.state(name)) {
    case FolderListing::State::present:
      return true;
    case FolderListing::State::broken_link:
      sink.add(run, std::string(kBrokenLink) + ": " + what, folder.folder() / name);
      return false;
    case FolderListing::State::missing:
      break;
  }
  sink.add(run, "missing " + what, folder.folder() / name);
  return false;
}

std::optional<fs::path> optional_file(const FolderListing& folder, const std::string& name) {
  if (folder.state(name) == FolderListing::State::present) return folder.folder() / name;
  return std::nullopt;
}

// Completes one run from its BOLD file; nullopt (with problems recorded) when incomplete.
std::optional<RunFiles> complete_run(const FolderListing& func, const RunCandidate& candidate,
                                     const ProblemSink& sink) {
  const std::string& run = candidate.stem.run;
  const std::string& bold_name = candidate.bold_names.front();
  const BidsName bold = *parse_bids_name(bold_name);
  bool complete = require(func, bold_name, "preproc BOLD", run, sink);

  std::string mask_name = format_bids_name(with(bold, "brain", "mask", bold.extension));
  const std::string other_extension = bold.extension == ".nii" ? ".nii.gz" : ".nii";
  const std::string other_mask_name =
      format_bids_name(with(bold, "brain", "mask", other_extension));
  if (func.state(mask_name) == FolderListing::State::missing &&
      func.state(other_mask_name) != FolderListing::State::missing)
    mask_name = other_mask_name;
  complete = require(func, mask_name, "brain mask", run, sink) && complete;

  const std::string confounds_name =
      format_bids_name(with(candidate.stem, "confounds", "timeseries", ".tsv"));
  complete = require(func, confounds_name, "confounds file", run, sink) && complete;
  if (!complete) return std::nullopt;

  RunFiles files;
  files.run = run;
  files.stem = stem_text(candidate.stem);
  files.bold = func.folder() / bold_name;
  files.brain_mask = func.folder() / mask_name;
  files.confounds = func.folder() / confounds_name;
  files.events = optional_file(func, format_bids_name(with(candidate.stem, "", "events", ".tsv")));
  files.sidecar_json =
      optional_file(func, format_bids_name(with(bold, "preproc", "bold", ".json")));
  return files;
}

// The name a file would have when nothing else is known: for "expected here" messages.
BidsName expected_bold(const DatasetSpec& spec, const ProblemSink& sink, const std::string& run) {
  BidsName n;
  n.sub = sink.participant;
  n.ses = sink.session;
  n.task = spec.task;
  n.run = run;
  n.space = spec.space;
  n.res = spec.resolution;
  return with(n, "preproc", "bold", ".nii.gz");
}

}  // namespace

FolderListing::FolderListing(fs::path folder) : folder_(std::move(folder)) {
  std::error_code ec;
  if (!fs::is_directory(folder_, ec)) return;
  fs::directory_iterator it(folder_, ec);
  if (ec) throw core::InputError(folder_.string(), "", "", "cannot list folder: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) throw core::InputError(folder_.string(), "", "", "cannot list folder: " + ec.message());
    std::error_code ignored;
    if (it->is_directory(ignored)) continue;
    const bool broken = it->is_symlink(ignored) && !it->exists(ignored);
    files_.emplace(it->path().filename().string(), broken ? State::broken_link : State::present);
  }
  if (ec) throw core::InputError(folder_.string(), "", "", "cannot list folder: " + ec.message());
  for (const auto& [name, state] : files_)
    if (auto parsed = parse_bids_name(name)) bids_files_.emplace_back(name, std::move(*parsed));
}

FolderListing::State FolderListing::state(const std::string& file_name) const {
  const auto it = files_.find(file_name);
  return it == files_.end() ? State::missing : it->second;
}

std::vector<RunFiles> find_runs(const FolderListing& func, const DatasetSpec& spec,
                                const ProblemSink& sink) {
  std::map<std::string, RunCandidate> candidates;  // by stem text
  for (const auto& [file_name, n] : func.bids_files()) {
    if (n.sub != sink.participant || n.ses != sink.session || n.task != spec.task) continue;
    const bool bold = n.suffix == "bold" && n.desc == "preproc" && is_nifti(n);
    const bool mask = n.suffix == "mask" && n.desc == "brain" && is_nifti(n);
    const bool confounds = n.suffix == "timeseries" && n.desc == "confounds" &&
                           n.extension == ".tsv" && n.space.empty();
    const bool in_space = n.space == spec.space && resolution_ok(n, spec);
    if (!((bold || mask) && in_space) && !confounds) continue;
    const BidsName stem = run_stem(n);
    auto& candidate = candidates.try_emplace(stem_text(stem), RunCandidate{stem, {}}).first->second;
    if (bold) candidate.bold_names.push_back(file_name);
  }

  std::vector<const RunCandidate*> ordered;
  for (const auto& [stem, candidate] : candidates) ordered.push_back(&candidate);
  std::sort(ordered.begin(), ordered.end(), [](const RunCandidate* a, const RunCandidate* b) {
    if (a->stem.run != b->stem.run) return natural_less(a->stem.run, b->stem.run);
    return natural_less(stem_text(a->stem), stem_text(b->stem));
  });

  std::vector<RunFiles> runs;
  for (const RunCandidate* candidate : ordered) {
    const std::string& run = candidate->stem.run;
    if (candidate->bold_names.empty()) {
      BidsName expected = with(run_stem(candidate->stem), "preproc", "bold", ".nii.gz");
      expected.space = spec.space;
      expected.res = spec.resolution;
      sink.add(run, "missing preproc BOLD", func.folder() / format_bids_name(expected));
    } else if (candidate->bold_names.size() > 1) {
      sink.add(run,
               "several preproc BOLD files match (set the resolution, or remove all but one): " +
                   join_names(candidate->bold_names),
               func.folder());
    } else if (auto files = complete_run(func, *candidate, sink)) {
      runs.push_back(std::move(*files));
    }
  }
  if (candidates.empty())
    sink.add("", "no preproc BOLD for task '" + spec.task + "' in space '" + spec.space + "'",
             func.folder() / format_bids_name(expected_bold(spec, sink, "")));
  return runs;
}

AnatFiles find_anat(const FolderListing& anat, const DatasetSpec& spec, const ProblemSink& sink) {
  std::vector<std::string> gm_names, mask_names;
  for (const auto& [file_name, n] : anat.bids_files()) {
    if (n.sub != sink.participant || n.ses != sink.session || !n.task.empty()) continue;
    if (n.space != spec.space || !resolution_ok(n, spec) || !is_nifti(n)) continue;
    if (n.suffix == "probseg" && n.label == "GM" && n.desc.empty()) gm_names.push_back(file_name);
    if (n.suffix == "mask" && n.desc == "brain" && n.label.empty()) mask_names.push_back(file_name);
  }
  const auto pick = [&](const std::vector<std::string>& names, const std::string& what) {
    std::optional<fs::path> chosen;
    if (names.size() > 1)
      sink.add("",
               "several " + what +
                   " files match (set the resolution, or remove all but one): " + join_names(names),
               anat.folder());
    else if (names.size() == 1 && require(anat, names.front(), what, "", sink))
      chosen = anat.folder() / names.front();
    return chosen;
  };
  return AnatFiles{pick(gm_names, "GM probability map"), pick(mask_names, "anatomical brain mask")};
}

}  // namespace acuroi::io::detail
