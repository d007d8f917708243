#include "acuroi/hpc/study_status.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "acuroi/hpc/fingerprint.hpp"
#include "acuroi/hpc/work_manifest.hpp"
#include "acuroi/participant/study_inputs.hpp"

namespace acuroi::hpc {

int StudyStatus::count(UnitState state) const {
  return static_cast<int>(std::count_if(participants.begin(), participants.end(),
                                        [&](const ParticipantState& p) { return p.status.state == state; }));
}

bool StudyStatus::all_done() const {
  return !participants.empty() && count(UnitState::done) == static_cast<int>(participants.size()) &&
         group.state == UnitState::done;
}

namespace {
std::size_t unit_count(const config::Config& config, const io::Participant& p) {
  std::size_t n = 0;
  for (const auto& label : {config.study.sessions.pre, config.study.sessions.post})
    if (const io::Session* s = p.session(label)) n += s->runs.size();
  return n;
}

void add_scheduler_view(const config::Config& config, bool ask, StudyStatus& status) {
  const auto record = read_job_record(jobs_record_path(config.output.dir));
  if (!record || record->submissions.empty()) return;
  status.submission = record->submissions.back();
  if (!ask) return;
  status.scheduler = query_scheduler(*status.submission);
  std::optional<StoredManifest> stored;
  try {
    stored = read_work_manifest(record->manifest);
  } catch (const std::exception&) {
  }
  for (const int task : status.scheduler->failed_tasks()) {
    std::string note = "array task " + std::to_string(task) + " failed";
    if (stored && task >= 1 && task <= static_cast<int>(stored->shards.size())) {
      note += ": shard " + std::to_string(task) + "/" + std::to_string(record->shards) + " =";
      for (const auto& label : stored->shards[static_cast<std::size_t>(task - 1)]) note += " sub-" + label;
    }
    status.shard_notes.push_back(note + " (log: " + (hpc_dir(config.output.dir).parent_path() / "logs" / "slurm").string() +
                                 "/array-" + status.submission->array_job + "_" + std::to_string(task) + ".out)");
  }
}
}  // namespace

StudyStatus study_status(const config::Config& config, bool ask_scheduler) {
  StudyStatus status;
  status.study = config.study.name;
  const participant::StudyInputs study = participant::load_study_inputs(config);
  for (const auto& p : study.dataset.participants) {
    const Fingerprint current = participant_fingerprint(study, p);
    status.participants.push_back({participant_status(config.output.dir, p.label, current), unit_count(config, p)});
  }
  for (const auto& problem : study.dataset.problems)
    if (!study.dataset.participant(problem.participant)) status.dataset_problems.push_back(io::describe(problem));
  status.group = group_step_status(config);
  add_scheduler_view(config, ask_scheduler, status);
  return status;
}

std::string describe_status(const StudyStatus& s) {
  std::ostringstream out;
  out << "study " << s.study << ": " << s.participants.size() << " participants\n";
  out << std::left << std::setw(14) << "participant" << std::setw(9) << "state" << std::setw(7) << "units"
      << "reason\n";
  for (const auto& p : s.participants)
    out << std::setw(14) << ("sub-" + p.status.participant) << std::setw(9) << to_string(p.status.state)
        << std::setw(7) << p.units << p.status.reason << "\n";
  for (const auto& problem : s.dataset_problems) out << "dataset: " << problem << "\n";
  out << std::setw(14) << "group" << std::setw(9) << to_string(s.group.state) << std::setw(7) << "-" << s.group.reason
      << "\n";
  if (s.submission && s.scheduler) out << describe_scheduler_view(*s.submission, *s.scheduler);
  else if (s.submission) out << "slurm: array job " << s.submission->array_job << ", group job " << s.submission->group_job << "\n";
  for (const auto& note : s.shard_notes) out << "  " << note << "\n";
  out << s.count(UnitState::done) << " done, " << s.count(UnitState::failed) << " failed, "
      << s.count(UnitState::stale) << " stale, " << s.count(UnitState::pending) << " pending; group "
      << to_string(s.group.state) << (s.all_done() ? " -- everything is done\n" : " -- not everything is done\n");
  return out.str();
}

}  // namespace acuroi::hpc
