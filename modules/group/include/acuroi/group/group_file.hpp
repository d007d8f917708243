// The outputs of `acuroi group`: one HDF5 file (layout: modules/group/SCHEMA.md, readable with
// h5py) and four TSV tables, each written atomically (temporary name, renamed when complete):
//   <group_dir>/group_acuroi.h5
//   <group_dir>/group_tests.tsv           one row per ROI × measure × test (× arm)
//   <group_dir>/group_glm.tsv             one row per ROI × measure × model × term
//   <group_dir>/group_study_records.tsv   one row per ROI × measure (stats::StudyRecord)
//   <group_dir>/group_exclusions.tsv      one row per participant or value left out, with why
// TSV: tab-separated, header line, numbers in shortest round-trip form, NaN and empty text "n/a".
//
//   GroupOutputPaths paths = write_group_outputs(dir / "group", values, results, provenance);
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/group/results.hpp"
#include "acuroi/group/study_values.hpp"

namespace acuroi::group {

// A participant file that went into the analysis (provenance).
struct ParticipantFile {
  std::string participant;
  std::string path;
  std::int64_t size_bytes = 0;
  std::string sha256;          // of the file's bytes, lowercase hex
  std::string config_sha256;   // the config hash recorded in the participant file
  std::string acuroi_version;  // the version that wrote it
};

struct GroupProvenance {
  std::string study;
  std::string acuroi_version;
  std::string config_yaml;    // the resolved config
  std::string config_sha256;  // config::config_hash
  std::string created_utc;    // ISO 8601
  std::vector<ParticipantFile> participant_files;
};

struct GroupOutputPaths {
  std::filesystem::path h5, tests_tsv, glm_tsv, study_records_tsv, exclusions_tsv;
};

GroupOutputPaths group_output_paths(const std::filesystem::path& group_dir);

// Creates group_dir if needed and writes every output; on an error no output is left half
// written (files already renamed into place stay, complete).
GroupOutputPaths write_group_outputs(const std::filesystem::path& group_dir,
                                     const StudyValues& values, const GroupResults& results,
                                     const GroupProvenance& provenance);

}  // namespace acuroi::group
