#include "acuroi/simulate/simulate.hpp"

#include <tbb/parallel_for.h>

#include <chrono>
#include <system_error>

#include "acuroi/core/error.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/io/json.hpp"
#include "dataset_writer.hpp"

namespace acuroi::simulate {

namespace fs = std::filesystem;

namespace {

constexpr const char* truth_file = "acuroi_ground_truth.json";

// An empty (or absent) directory is used as is; a previous simulation is replaced only on request.
void prepare_output_dir(const fs::path& dir, bool overwrite) {
  if (fs::exists(dir) && !fs::is_directory(dir)) {
    throw core::ConfigError("acuroi simulate", 0, 0, "--out", dir.string(),
                            "exists and is not a directory");
  }
  if (fs::exists(dir) && !fs::is_empty(dir)) {
    if (!overwrite || !fs::exists(dir / truth_file)) {
      throw core::ConfigError(
          "acuroi simulate", 0, 0, "--out", dir.string(),
          overwrite ? "is not empty and holds no previous simulation (" + std::string(truth_file) +
                          "); refusing to delete it"
                    : "is not empty; pass --overwrite to replace a previous simulation");
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if ((entry.is_directory() && name.rfind("sub-", 0) == 0) || name == "participants.tsv" ||
          name == "dataset_description.json" || name == truth_file) {
        fs::remove_all(entry.path());
      }
    }
  }
  fs::create_directories(dir);
}

struct ParticipantOutput {
  std::vector<fs::path> files;
  std::vector<RunRecord> runs;
};

ParticipantOutput simulate_participant(const SimulationSettings& s, const TemplateAnatomy& anatomy,
                                       const ParticipantPlan& p) {
  ParticipantOutput out;
  try {
    const ParticipantTissue tissue = participant_tissue(anatomy, p, s.signal);
    out.files = write_anatomy(s, anatomy, p, tissue);
    for (int session = 0; session < static_cast<int>(s.sessions.size()); ++session) {
      for (int run = 0; run < s.runs; ++run) {
        const SimulatedRun data = simulate_run(s, anatomy, tissue, p, session, run);
        const ConfoundTable confounds = compute_confounds(data, tissue, s.repetition_time_s);
        out.runs.push_back(write_run(s, anatomy, p, session, run, data, confounds, out.files));
      }
    }
  } catch (...) {
    core::rethrow_with_context("simulating participant sub-" + p.label);
  }
  return out;
}

}  // namespace

SimulationSummary simulate_dataset(const SimulationSettings& s, bool overwrite) {
  const auto start = std::chrono::steady_clock::now();
  validate(s);
  prepare_output_dir(s.output_dir, overwrite);
  const TemplateAnatomy anatomy =
      build_template_anatomy(s.templates_dir, s.resolution_mm, s.signal);
  const std::vector<ParticipantPlan> plan = plan_study(s);
  core::log_info("simulating ", plan.size(), " participants x ", s.sessions.size(), " sessions x ",
                 s.runs, " runs of ", s.volumes, " volumes at ", s.resolution_mm, " mm (",
                 anatomy.mask_voxels.size(), " brain voxels) into ", s.output_dir.string());

  // Each participant has its own random streams, so the order of work does not change any byte.
  std::vector<ParticipantOutput> outputs(plan.size());
  tbb::parallel_for(std::size_t{0}, plan.size(),
                    [&](std::size_t i) { outputs[i] = simulate_participant(s, anatomy, plan[i]); });

  write_dataset_description(s);
  write_participants_tsv(s, plan);
  SimulationSummary summary;
  summary.participants = static_cast<int>(plan.size());
  summary.files = {"dataset_description.json", "participants.tsv", truth_file};
  std::vector<RunRecord> runs;
  for (ParticipantOutput& o : outputs) {
    summary.files.insert(summary.files.end(), o.files.begin(), o.files.end());
    runs.insert(runs.end(), o.runs.begin(), o.runs.end());
  }
  summary.runs = static_cast<int>(runs.size());
  io::write_json_atomically(s.output_dir / truth_file, ground_truth_json(s, anatomy, plan, runs));
  for (const fs::path& f : summary.files) summary.bytes += fs::file_size(s.output_dir / f);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  core::log_info("wrote ", summary.files.size(), " files (", summary.bytes, " bytes) in ",
                 summary.seconds, " s");
  return summary;
}

}  // namespace acuroi::simulate
