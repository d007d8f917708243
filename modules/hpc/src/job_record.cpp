#include "acuroi/hpc/job_record.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/hpc/command_runner.hpp"
#include "acuroi/io/json.hpp"

namespace acuroi::hpc {

namespace fs = std::filesystem;

fs::path hpc_dir(const fs::path& output_dir) { return output_dir / "hpc"; }
fs::path jobs_record_path(const fs::path& output_dir) { return hpc_dir(output_dir) / "jobs.json"; }

std::optional<JobRecordFile> read_job_record(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  const io::Json j = io::read_json(path);
  JobRecordFile record;
  try {
    record.shards = j.at("shards").get<int>();
    record.manifest = j.at("manifest").get<std::string>();
    record.array_script = j.at("array_script").get<std::string>();
    record.group_script = j.at("group_script").get<std::string>();
    for (const auto& s : j.at("submissions"))
      record.submissions.push_back({s.at("kind").get<std::string>(), s.at("array_job").get<std::string>(),
                                    s.at("array_indices").get<std::string>(), s.at("group_job").get<std::string>(),
                                    s.at("submitted_utc").get<std::string>()});
  } catch (const io::Json::exception& e) {
    throw core::InputError(path.string(), "jobs", "", std::string("malformed job record: ") + e.what());
  }
  return record;
}

void write_job_record(const JobRecordFile& record, const fs::path& path) {
  nlohmann::ordered_json submissions = nlohmann::ordered_json::array();
  for (const auto& s : record.submissions)
    submissions.push_back({{"kind", s.kind}, {"array_job", s.array_job}, {"array_indices", s.array_indices},
                           {"group_job", s.group_job}, {"submitted_utc", s.submitted_utc}});
  const nlohmann::ordered_json j = {{"acuroi_jobs", 1},
                                    {"shards", record.shards},
                                    {"manifest", record.manifest.string()},
                                    {"array_script", record.array_script.string()},
                                    {"group_script", record.group_script.string()},
                                    {"submissions", submissions}};
  core::write_text_atomically(path, j.dump(1) + "\n");
}

bool SchedulerView::any_active() const {
  for (const auto& t : array_tasks)
    if (is_active_state(t.state)) return true;
  return group_job && is_active_state(group_job->state) && group_job->reason != "DependencyNeverSatisfied";
}

std::vector<int> SchedulerView::failed_tasks() const {
  std::vector<int> failed;
  for (const auto& t : array_tasks)
    if (is_failed_state(t.state)) failed.push_back(t.array_task);
  return failed;
}

namespace {
// The records of one job (all tasks of an array), from sacct, else scontrol.
std::vector<JobRecord> query_job(const std::string& id, std::string& source, std::string& problem) {
  const CommandResult sacct = run_command({"sacct", "-n", "-P", "-X", "-j", id, "--format=JobID,State,ExitCode"});
  if (sacct.exit_code == 0) {
    auto records = parse_sacct(sacct.out);
    if (!records.empty()) {
      source = "sacct";
      return records;
    }
  }
  const CommandResult scontrol = run_command({"scontrol", "-o", "show", "job", id});
  if (scontrol.exit_code == 0) {
    source = "scontrol";
    return parse_scontrol_jobs(scontrol.out);
  }
  problem = "job " + id + " unknown to sacct and scontrol (" +
            (scontrol.exit_code == 127 ? std::string("SLURM commands not found") : scontrol.err.substr(0, scontrol.err.find('\n'))) + ")";
  return {};
}
}  // namespace

SchedulerView query_scheduler(const Submission& submission) {
  SchedulerView view;
  if (!submission.array_job.empty())
    for (auto& r : query_job(submission.array_job, view.source, view.problem))
      if (r.array_task >= 0) view.array_tasks.push_back(r);
  if (!submission.group_job.empty()) {
    std::string source;
    const auto records = query_job(submission.group_job, source, view.problem);
    if (!records.empty()) view.group_job = records.front();
    if (view.source.empty()) view.source = source;
  }
  return view;
}

std::string describe_scheduler_view(const Submission& s, const SchedulerView& view) {
  std::ostringstream out;
  out << "slurm (" << s.kind << " submission, " << s.submitted_utc << ", from " << (view.source.empty() ? "-" : view.source)
      << "):\n";
  if (!s.array_job.empty()) {
    std::map<std::string, std::vector<int>> by_state;
    for (const auto& t : view.array_tasks) by_state[t.state].push_back(t.array_task);
    out << "  array job " << s.array_job << " (tasks " << s.array_indices << "):";
    if (by_state.empty()) out << " no record";
    for (const auto& [state, tasks] : by_state) out << " " << state << " [" << compress_indices(tasks) << "]";
    out << "\n";
  }
  if (!s.group_job.empty()) {
    out << "  group job " << s.group_job << ": ";
    if (view.group_job)
      out << view.group_job->state << (view.group_job->reason.empty() || view.group_job->reason == "None" ? "" : " (" + view.group_job->reason + ")");
    else
      out << "no record";
    out << "\n";
  }
  if (!view.problem.empty()) out << "  " << view.problem << "\n";
  return out.str();
}

}  // namespace acuroi::hpc
