#include "acuroi/core/timestamp.hpp"
#include "acuroi/participant/process.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "acuroi/core/error.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/core/version.hpp"
#include "acuroi/measures/combine_runs.hpp"
#include "acuroi/store/measure_export.hpp"
#include "acuroi/store/participant_file.hpp"
#include "acuroi/store/timeseries_export.hpp"
#include "run_denoise.hpp"
#include "run_measures.hpp"
#include "run_record.hpp"
#include "session_measures.hpp"
#include "task_measures.hpp"

namespace acuroi::participant {

namespace {

std::string utc_now() { return core::utc_timestamp(); }

// "AAL" for Debian's AAL, else the atlas file's stem reduced to a BIDS label.
std::string atlas_label(const std::filesystem::path& atlas) {
  if (atlas == config::kAalAtlasPath) return "AAL";
  std::string stem = atlas.filename().string();
  stem = stem.substr(0, stem.find('.'));
  std::string label;
  for (char c : stem)
    if (std::isalnum(static_cast<unsigned char>(c))) label += c;
  return label.empty() ? "atlas" : label;
}

store::Provenance provenance(const StudyInputs& study) {
  store::Provenance p;
  p.acuroi_version = core::version();
  p.config_yaml = study.config_yaml;
  p.config_sha256 = study.config_sha256;
  p.atlas_path = study.config.rois.atlas.string();
  const auto& hashes = study.regions.file_hashes();
  if (auto it = hashes.find(p.atlas_path); it != hashes.end()) p.atlas_sha256 = it->second;
  p.roi_definitions_sha256 = study.regions.provenance_hash();
  p.created_utc = utc_now();
  return p;
}

// Per ROI, the indices of the ROIs a union is made of (empty for other kinds).
std::vector<std::vector<int>> union_members(const StudyInputs& study) {
  const auto names = study.regions.names();
  std::vector<std::vector<int>> members(names.size());
  const auto& definitions = study.regions.definitions();
  for (std::size_t r = 0; r < definitions.size(); ++r)
    if (const auto* u = std::get_if<roi::UnionRegion>(&definitions[r].shape))
      for (const auto& member : u->region_names)
        for (std::size_t m = 0; m < names.size(); ++m)
          if (names[m] == member) members[r].push_back(static_cast<int>(m));
  return members;
}

std::vector<store::RoiDefinitionRecord> roi_records(const StudyInputs& study) {
  std::vector<store::RoiDefinitionRecord> rois;
  for (const auto& d : study.regions.definitions()) {
    const std::string kind = std::visit(
        [](const auto& s) -> std::string {
          using S = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<S, roi::AtlasLabelRegion>) return "labels";
          if constexpr (std::is_same_v<S, roi::SphereRegion>) return "sphere";
          if constexpr (std::is_same_v<S, roi::MaskRegion>) return "mask";
          return "union";
        },
        d.shape);
    rois.push_back({d.name, kind, roi::describe_region(d)});
  }
  return rois;
}

// One session: every run extracted, denoised and measured; the runs' tables combined.
void add_session(const StudyInputs& study, const io::Participant& participant, const std::string& label,
                 store::ParticipantRecord& record, std::vector<std::string>& warnings) {
  const io::Session* session = participant.session(label);
  if (!session) return;
  const auto& config = study.config;
  const ExtractionNeeds needs = extraction_needs(config.measures);
  const auto members = union_members(study);
  auto& inputs = record.provenance.inputs;
  std::vector<store::MeasureTable> run_tables;
  std::vector<Eigen::MatrixXd> run_fc;
  std::vector<std::int64_t> run_volumes;
  for (const auto& files : session->runs) {
    ExtractedRun extracted = extract_run(study, label, files, needs);
    store::RunRecord& run = extracted.record;
    const DenoisedRun denoised = denoise_run(config.denoise, files, run);
    const RunMeasureInputs in{config.measures, record.rois, members, extracted, denoised};
    store::MeasureTable table = rest_measures(in, run);
    for (auto& row : task_measures(in, files, run, warnings).rows) table.add(std::move(row));
    const std::string where = "ses-" + label + (files.run.empty() ? "" : " run-" + files.run);
    if (denoised.excluded())
      warnings.push_back(where + " excluded: " + denoised.exclusion_reason());
    else if (!denoised.filtered_available())
      warnings.push_back(where + ": no FC/ReHo: " + denoised.filtered_reason());
    run.arrays.merge(table.arrays("measures/"));
    if (auto fc = run.arrays.find("measures/fc_z"); fc != run.arrays.end()) {
      run_fc.push_back(store::to_matrix(fc->second));
      run_volumes.push_back(denoised.filtered_available() ? denoised.censor.kept_count() : 0);
    }
    run_tables.push_back(std::move(table));
    record.runs.push_back(std::move(run));
    inputs.push_back(describe_input("bold", files.bold));
    inputs.push_back(describe_input("brain_mask", files.brain_mask));
    inputs.push_back(describe_input("confounds", files.confounds));
    if (files.events && config::computes(config.measures, "task_glm"))
      inputs.push_back(describe_input("events", *files.events));
  }
  store::MeasureTable table = combine_run_tables(run_tables);
  if (config::computes(config.measures, "gm_volume")) {
    std::vector<std::filesystem::path> used;
    const io::AnatFiles& anat = session->anat.gm_probseg ? session->anat : participant.anat;
    for (auto& row : grey_matter_rows(study, anat, used).rows) table.add(std::move(row));
    for (const auto& path : used) {
      const bool seen = std::any_of(inputs.begin(), inputs.end(),
                                    [&](const store::InputFile& f) { return f.path == path.string(); });
      if (!seen) inputs.push_back(describe_input(path == anat.brain_mask ? "anat_brain_mask" : "gm_probseg", path));
    }
  }
  auto& arrays = record.session_arrays[label];
  arrays = table.arrays("measures/");
  if (!run_fc.empty())
    arrays["measures/fc_z"] = store::matrix_array(measures::combine_run_connectivity(run_fc, run_volumes));
}

store::ParticipantRecord build_record(const StudyInputs& study, const io::Participant& participant,
                                      std::vector<std::string>& warnings) {
  store::ParticipantRecord record;
  record.participant_label = participant.label;
  record.arm = participant.arm;
  record.covariates = participant.covariates;
  record.rois = roi_records(study);
  record.provenance = provenance(study);
  for (const auto& label : {study.config.study.sessions.pre, study.config.study.sessions.post})
    add_session(study, participant, label, record, warnings);
  return record;
}

}  // namespace

ParticipantOutcome process_participant(const StudyInputs& study, const io::Participant& participant) {
  ParticipantOutcome outcome;
  outcome.label = participant.label;
  for (const auto& problem : study.dataset.problems)
    if (problem.participant == participant.label) outcome.warnings.push_back(io::describe(problem));
  const auto start = std::chrono::steady_clock::now();
  try {
    store::ParticipantRecord record = build_record(study, participant, outcome.warnings);
    if (record.runs.empty())
      throw core::InputError(study.config.study.dataset.string() + "/sub-" + participant.label,
                             "runs", "0", "no complete run in the pre or post session");
    outcome.record_path = store::participant_file_path(study.config.output.dir, participant.label);
    store::write_participant_record(record, outcome.record_path);
    if (study.config.output.write_tsv) {
      const std::string space = study.config.study.space, atlas = atlas_label(study.config.rois.atlas);
      outcome.exports = store::write_timeseries_exports(record, study.config.output.dir, {space, atlas, "raw"});
      const std::string strategy(config::to_string(study.config.denoise.strategy));
      for (auto& path : store::write_measure_exports(record, study.config.output.dir, {space, atlas, strategy}))
        outcome.exports.push_back(std::move(path));
    }
    for (std::size_t r = 0; r < record.rois.size(); ++r)
      for (const auto& run : record.runs)
        if (!run.roi_status[r].empty())
          outcome.warnings.push_back("ses-" + run.session + (run.run.empty() ? "" : " run-" + run.run) +
                                     " " + record.rois[r].name + ": " + run.roi_status[r]);
    outcome.runs = static_cast<int>(record.runs.size());
    outcome.succeeded = true;
  } catch (const std::exception& e) {
    outcome.failure_reason = e.what();
    core::log_error("sub-", participant.label, " failed: ", e.what());
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

int BatchOutcome::failed_count() const {
  int failed = 0;
  for (const auto& p : participants) failed += p.succeeded ? 0 : 1;
  return failed;
}

BatchOutcome process_participants(const StudyInputs& study) {
  BatchOutcome batch;
  const auto& people = study.dataset.participants;
  batch.participants.resize(people.size());
  const int threads = study.config.extraction.threads > 0 ? study.config.extraction.threads
                                                          : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, people.size(), [&](std::size_t i) {
      batch.participants[i] = process_participant(study, people[i]);
    });
  });
  for (const auto& problem : study.dataset.problems)
    if (!study.dataset.participant(problem.participant)) batch.dataset_problems.push_back(io::describe(problem));
  return batch;
}

std::string describe_batch(const BatchOutcome& batch) {
  std::ostringstream s;
  s << std::left << std::setw(14) << "participant" << std::setw(10) << "status" << std::setw(6)
    << "runs" << std::setw(9) << "seconds" << "notes\n";
  for (const auto& p : batch.participants) {
    s << std::setw(14) << ("sub-" + p.label) << std::setw(10) << (p.succeeded ? "ok" : "FAILED")
      << std::setw(6) << p.runs << std::setw(9) << std::fixed << std::setprecision(2) << p.seconds;
    if (!p.succeeded) s << p.failure_reason;
    else if (!p.warnings.empty()) s << p.warnings.size() << " warning(s): " << p.warnings.front();
    s << '\n';
  }
  for (const auto& problem : batch.dataset_problems) s << "dataset: " << problem << '\n';
  const int failed = batch.failed_count();
  s << batch.participants.size() - failed << " succeeded, " << failed << " failed\n";
  return s.str();
}

}  // namespace acuroi::participant
