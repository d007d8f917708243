// discover_dataset: participants.tsv against participant folders, then sessions, runs, anat.
#include "acuroi/io/dataset.hpp"

#include <algorithm>
#include <set>
#include <system_error>

#include "acuroi/core/error.hpp"
#include "dataset_internal.hpp"

namespace acuroi::io {

namespace fs = std::filesystem;

namespace {

struct NaturalLess {
  bool operator()(const std::string& a, const std::string& b) const { return natural_less(a, b); }
};
using LabelSet = std::set<std::string, NaturalLess>;

void check_spec(const DatasetSpec& spec) {
  const auto fail = [](const std::string& problem) {
    throw core::ConfigError("dataset specification: " + problem);
  };
  if (spec.task.empty()) fail("task is empty");
  if (spec.space.empty()) fail("space is empty");
  if (spec.pre_session.empty() || spec.post_session.empty()) fail("a session label is empty");
  if (spec.pre_session == spec.post_session)
    fail("pre and post sessions are both '" + spec.pre_session + "'");
}

void check_root(const fs::path& root) {
  std::error_code ec;
  if (!fs::exists(root, ec))
    throw core::InputError(root.string(), "", "", "dataset root does not exist");
  if (!fs::is_directory(root, ec))
    throw core::InputError(root.string(), "", "", "dataset root is not a folder");
}

// Labels of the sub-<label> folders directly under the root.
LabelSet participant_folders(const fs::path& root) {
  LabelSet labels;
  std::error_code ec;
  fs::directory_iterator it(root, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code ignored;
    const std::string name = it->path().filename().string();
    if (name.rfind("sub-", 0) == 0 && name.size() > 4 && it->is_directory(ignored))
      labels.insert(detail::strip_sub_prefix(name));
  }
  if (ec)
    throw core::InputError(root.string(), "", "", "cannot list dataset root: " + ec.message());
  return labels;
}

void check_arm(const detail::ParticipantRow& row, const DatasetSpec& spec,
               const fs::path& participants_file, std::vector<DatasetProblem>& problems) {
  const std::string where = " (participants.tsv column '" + spec.arm_column + "', data row " +
                            std::to_string(row.data_row) + ")";
  if (row.arm.empty()) {
    problems.push_back({row.label, "", "", "no arm value" + where, participants_file});
    return;
  }
  if (spec.arms.empty() ||
      std::find(spec.arms.begin(), spec.arms.end(), row.arm) != spec.arms.end())
    return;
  std::string allowed;
  for (const auto& a : spec.arms) allowed += (allowed.empty() ? "'" : ", '") + a + "'";
  problems.push_back({row.label, "", "",
                      "arm '" + row.arm + "' is not one of the allowed arms " + allowed + where,
                      participants_file});
}

Participant discover_participant(const detail::ParticipantRow& row, const DatasetSpec& spec,
                                 std::vector<DatasetProblem>& problems) {
  const fs::path folder = spec.root / ("sub-" + row.label);
  Participant p{row.label, row.arm, row.covariates, {}, {}};
  p.anat = detail::find_anat(detail::FolderListing(folder / "anat"), spec,
                             detail::ProblemSink{problems, row.label, ""});
  for (const std::string& label : {spec.pre_session, spec.post_session}) {
    const detail::ProblemSink sink{problems, row.label, label};
    const fs::path session_folder = folder / ("ses-" + label);
    std::error_code ec;
    if (!fs::is_directory(session_folder, ec)) {
      sink.add("", "missing session folder", session_folder);
      continue;
    }
    Session session{label, {}, {}};
    session.runs = detail::find_runs(detail::FolderListing(session_folder / "func"), spec, sink);
    session.anat = detail::find_anat(detail::FolderListing(session_folder / "anat"), spec, sink);
    p.sessions.emplace(label, std::move(session));
  }
  return p;
}

// Participant first, then session (participant-level, pre, post), then run: the order people read.
void sort_problems(std::vector<DatasetProblem>& problems, const DatasetSpec& spec) {
  const auto session_rank = [&](const std::string& s) {
    return s.empty() ? 0 : s == spec.pre_session ? 1 : s == spec.post_session ? 2 : 3;
  };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const DatasetProblem& a, const DatasetProblem& b) {
                     if (a.participant != b.participant)
                       return natural_less(a.participant, b.participant);
                     if (session_rank(a.session) != session_rank(b.session))
                       return session_rank(a.session) < session_rank(b.session);
                     if (a.run != b.run) return natural_less(a.run, b.run);
                     return false;
                   });
}

}  // namespace

const Session* Participant::session(std::string_view label) const {
  const auto it = sessions.find(std::string(label));
  return it == sessions.end() ? nullptr : &it->second;
}

const Participant* Dataset::participant(std::string_view label) const {
  const std::string wanted = detail::strip_sub_prefix(label);
  for (const auto& p : participants)
    if (p.label == wanted) return &p;
  return nullptr;
}

bool Dataset::has_problems(std::string_view participant_label) const {
  const std::string wanted = detail::strip_sub_prefix(participant_label);
  return std::any_of(problems.begin(), problems.end(),
                     [&](const DatasetProblem& p) { return p.participant == wanted; });
}

Dataset discover_dataset(const DatasetSpec& spec) {
  check_spec(spec);
  check_root(spec.root);
  Dataset dataset;
  dataset.spec = spec;
  dataset.participants_file = spec.participants_file.is_absolute()
                                  ? spec.participants_file
                                  : spec.root / spec.participants_file;
  const std::vector<detail::ParticipantRow> rows =
      detail::read_participants(dataset.participants_file, spec);
  const LabelSet folders = participant_folders(spec.root);

  LabelSet requested, listed;
  for (const auto& label : spec.participant_labels)
    requested.insert(detail::strip_sub_prefix(label));
  for (const auto& row : rows) listed.insert(row.label);
  const auto selected = [&](const std::string& label) {
    return requested.empty() || requested.count(label) > 0;
  };
  auto& problems = dataset.problems;
  for (const auto& label : requested)
    if (!listed.count(label))
      problems.push_back({label, "", "", "requested participant is not listed in participants.tsv",
                          dataset.participants_file});
  for (const auto& label : folders)
    if (selected(label) && !listed.count(label) && !requested.count(label))
      problems.push_back({label, "", "", "participant folder is not listed in participants.tsv",
                          spec.root / ("sub-" + label)});

  for (const auto& row : rows) {
    if (!selected(row.label)) continue;
    if (!folders.count(row.label)) {
      problems.push_back({row.label, "", "", "participant listed in participants.tsv has no folder",
                          spec.root / ("sub-" + row.label)});
      continue;
    }
    check_arm(row, spec, dataset.participants_file, problems);
    dataset.participants.push_back(discover_participant(row, spec, problems));
  }
  std::sort(
      dataset.participants.begin(), dataset.participants.end(),
      [](const Participant& a, const Participant& b) { return natural_less(a.label, b.label); });
  sort_problems(problems, spec);
  return dataset;
}

std::string describe(const DatasetProblem& problem) {
  std::string where = problem.participant.empty() ? "dataset" : "sub-" + problem.participant;
  if (!problem.session.empty()) where += " ses-" + problem.session;
  if (!problem.run.empty()) where += " run-" + problem.run;
  std::string text = where + ": " + problem.what;
  if (!problem.path.empty()) text += ": " + problem.path.string();
  return text;
}

}  // namespace acuroi::io
