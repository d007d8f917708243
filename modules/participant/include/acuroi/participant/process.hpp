// The participant level: for each run of each session, stream the BOLD through the ROI map,
// and write one HDF5 record per participant (plus TSV/JSON exports when configured).
//
// A participant that fails (a corrupt file, a mask on another grid) is recorded as failed with
// its reason and never stops the others; its previous output, if any, is left untouched.
//
//   StudyInputs study = load_study_inputs(config);
//   BatchOutcome batch = process_participants(study);
//   for (const auto& p : batch.participants) if (!p.succeeded) report(p.label, p.failure_reason);
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/participant/study_inputs.hpp"

namespace acuroi::participant {

struct ParticipantOutcome {
  std::string label;
  bool succeeded = false;
  std::string failure_reason;         // "" when succeeded
  std::vector<std::string> warnings;  // dataset problems of this participant, ROIs set to NaN
  std::filesystem::path record_path;  // the HDF5 file (written only when succeeded)
  std::vector<std::filesystem::path> exports;
  int runs = 0;
  double seconds = 0;
};

struct BatchOutcome {
  std::vector<ParticipantOutcome> participants;  // dataset order
  std::vector<std::string> dataset_problems;     // problems not tied to a listed participant
  int failed_count() const;
};

// Processes one participant of `study.dataset`. Never throws for a participant-level problem:
// the error becomes the outcome's failure_reason.
ParticipantOutcome process_participant(const StudyInputs& study, const io::Participant& participant);

// Processes every participant of the dataset, in parallel (TBB) up to config.extraction.threads.
BatchOutcome process_participants(const StudyInputs& study);

// A fixed-width table: participant, status, runs, seconds, reason.
std::string describe_batch(const BatchOutcome& batch);

}  // namespace acuroi::participant
