// `acuroi status CONFIG`: the state of every participant (done / failed / stale / pending, with the
// reason), of the group step, and, when jobs were submitted, the scheduler's view of the latest
// submission. Everything is done when every participant and the group step are.
//
//   StudyStatus status = study_status(config);
//   std::cout << describe_status(status);
//   return status.all_done() ? 0 : 4;
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/hpc/job_record.hpp"
#include "acuroi/hpc/markers.hpp"
#include "acuroi/hpc/study_steps.hpp"

namespace acuroi::hpc {

struct ParticipantState {
  UnitStatus status;
  std::size_t units = 0;  // session x run units
};

struct StudyStatus {
  std::string study;
  std::vector<ParticipantState> participants;  // dataset order
  std::vector<std::string> dataset_problems;   // not tied to a listed participant
  StepStatus group;
  std::optional<Submission> submission;        // latest, when jobs were recorded
  std::optional<SchedulerView> scheduler;
  std::vector<std::string> shard_notes;        // failed array tasks and their participants
  int count(UnitState state) const;
  bool all_done() const;
};

// `ask_scheduler` = false skips the SLURM query (the jobs are still listed).
StudyStatus study_status(const config::Config& config, bool ask_scheduler = true);

std::string describe_status(const StudyStatus& status);

}  // namespace acuroi::hpc
