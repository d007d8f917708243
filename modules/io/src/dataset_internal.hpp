// Internal pieces of dataset discovery (not installed): participants.tsv, folder listings,
// run and anatomical file matching.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "acuroi/io/bids_name.hpp"
#include "acuroi/io/dataset.hpp"

namespace acuroi::io::detail {

// "sub-01" -> "01"; "01" -> "01".
std::string strip_sub_prefix(std::string_view label);

struct ParticipantRow {
  std::string label;  // without "sub-"
  std::string arm;    // "" when the cell is empty or n/a
  std::map<std::string, std::string> covariates;
  std::size_t data_row = 0;  // 1-based, for messages
};

// Reads participants.tsv in file order. Throws core::InputError when it cannot be used: missing
// file, missing participant or arm column, an empty, repeated or non-alphanumeric id.
std::vector<ParticipantRow> read_participants(const std::filesystem::path& file,
                                              const DatasetSpec& spec);

// The files of one folder (none when the folder does not exist), by file name.
class FolderListing {
 public:
  enum class State { missing, present, broken_link };
  explicit FolderListing(std::filesystem::path folder);
  const std::filesystem::path& folder() const { return folder_; }
  State state(const std::string& file_name) const;
  // Every file (or symbolic link) whose name parses as a BIDS name, sorted by file name.
  const std::vector<std::pair<std::string, BidsName>>& bids_files() const { return bids_files_; }

 private:
  std::filesystem::path folder_;
  std::map<std::string, State> files_;
  std::vector<std::pair<std::string, BidsName>> bids_files_;
};

struct ProblemSink {
  std::vector<DatasetProblem>& problems;
  std::string participant, session;
  void add(std::string run, std::string what, std::filesystem::path path) const {
    problems.push_back({participant, session, std::move(run), std::move(what), std::move(path)});
  }
};

// The complete runs of task/space in one session's func folder; what is missing goes to `sink`.
std::vector<RunFiles> find_runs(const FolderListing& func, const DatasetSpec& spec,
                                const ProblemSink& sink);

// The GM probability map and brain mask of an anat folder (sub-level when sink.session is "").
AnatFiles find_anat(const FolderListing& anat, const DatasetSpec& spec, const ProblemSink& sink);

}  // namespace acuroi::io::detail
