// The fingerprint of a participant's work: what its outputs depend on. Two equal fingerprints
// mean the outputs would be the same, so a valid marker with the current fingerprint lets a
// re-run skip the participant; any difference makes it stale, with the difference as the reason.
//
// It holds: the hashes of the config sections the participant level reads (study, participants,
// rois, extraction, denoise, measures; with extraction.threads and participants.include/exclude
// set to their defaults first, since neither changes a participant's outputs); the ROI
// definitions' hash (covering the atlas, table and mask file contents); the participant's row of
// participants.tsv (arm, covariates); the acuroi version; and every input file's path, size and
// modification time in nanoseconds (so touching an input makes the participant stale).
//
//   Fingerprint now = participant_fingerprint(study, *study.dataset.participant("01"));
//   for (auto& why : fingerprint_differences(recorded, now)) std::cout << why << "\n";
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "acuroi/participant/study_inputs.hpp"

namespace acuroi::hpc {

// The config sections of the participant level, in schema order.
const std::vector<std::string>& participant_config_sections();

struct InputStat {
  std::string role;  // "bold", "brain_mask", "confounds", "events", "sidecar", "gm_probseg", ...
  std::filesystem::path path;
  std::int64_t size = -1;      // -1 when missing
  std::int64_t mtime_ns = -1;  // -1 when missing
  bool operator==(const InputStat&) const = default;
};

struct Fingerprint {
  std::map<std::string, std::string> section_sha256;  // section -> hash of that section
  std::string regions_sha256;
  std::map<std::string, std::string> participant_row;  // "arm" and the covariates, as text
  std::string acuroi_version;
  std::vector<InputStat> inputs;  // sessions pre then post, runs in order, then anat
  // SHA-256 over all of the above in a canonical text form.
  std::string digest() const;
  bool operator==(const Fingerprint&) const = default;
};

// The stat of `path` now (size and mtime; -1 for a missing file).
InputStat stat_input(const std::string& role, const std::filesystem::path& path);

Fingerprint participant_fingerprint(const participant::StudyInputs& study, const io::Participant& person);

// Why `recorded` and `current` differ, one short reason each ("config section denoise changed",
// "input changed: <path> (size, mtime)", ...); empty when they are equal.
std::vector<std::string> fingerprint_differences(const Fingerprint& recorded, const Fingerprint& current);

}  // namespace acuroi::hpc
