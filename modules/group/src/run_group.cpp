#include "acuroi/core/timestamp.hpp"
#include "acuroi/group/run.hpp"

#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <optional>
#include <sstream>

#include "acuroi/core/error.hpp"
#include "acuroi/core/hash.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/core/version.hpp"
#include "acuroi/group/analysis.hpp"
#include "acuroi/store/participant_file.hpp"

namespace acuroi::group {
namespace {

std::string utc_now() { return core::utc_timestamp(); }

// "sub-<label>/sub-<label>_acuroi.h5"
bool is_participant_file(const std::filesystem::path& folder, const std::filesystem::path& file) {
  const std::string dir = folder.filename().string();
  return dir.rfind("sub-", 0) == 0 && file.filename().string() == dir + "_acuroi.h5";
}

}  // namespace

std::vector<std::filesystem::path> find_participant_files(const std::filesystem::path& output_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  if (std::filesystem::is_directory(output_dir, error))
    for (const auto& entry : std::filesystem::directory_iterator(output_dir)) {
      if (!entry.is_directory()) continue;
      const std::string dir = entry.path().filename().string();
      const auto file = entry.path() / (dir + "_acuroi.h5");
      if (is_participant_file(entry.path(), file) && std::filesystem::is_regular_file(file))
        files.push_back(file);
    }
  if (files.empty())
    throw core::InputError(output_dir.string(), "participant files", "0",
                           "no sub-*/sub-*_acuroi.h5 in this folder (output.dir); run `acuroi "
                           "participant CONFIG` first");
  std::sort(files.begin(), files.end());
  return files;
}

GroupRunSummary run_group(const config::Config& config, int threads) {
  std::optional<tbb::global_control> limit;
  if (threads > 0)
    limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const auto files = find_participant_files(config.output.dir);
  GroupProvenance provenance;
  provenance.study = config.study.name;
  provenance.acuroi_version = core::version();
  provenance.config_yaml = config::resolved_yaml(config);
  provenance.config_sha256 = config::config_hash(config);
  provenance.created_utc = utc_now();
  std::vector<ParticipantMeasures> measures;
  for (const auto& file : files) {
    core::log_info("group: reading ", file.string());
    const store::ParticipantRecord record = store::read_participant_record(file);
    measures.push_back(participant_measures(record, file.string()));
    provenance.participant_files.push_back(
        {record.participant_label, file.string(),
         static_cast<std::int64_t>(std::filesystem::file_size(file)), core::sha256_file(file),
         record.provenance.config_sha256, record.provenance.acuroi_version});
  }
  const StudyValues values = collect_study_values(measures, study_design(config));
  if (values.columns.empty())
    throw core::InputError(
        config.output.dir.string(), "measures", "0 ROI × measure",
        config.group.measures.empty()
            ? "the participant files have no measure table rows (run `acuroi participant` with "
              "measures.compute set)"
            : "no measure of the participant files matches group.measures");
  const GroupResults results = analyse_group(values, group_options(config));
  GroupRunSummary s;
  s.outputs = write_group_outputs(config.output.dir / "group", values, results, provenance);
  s.participant_files = files.size();
  s.participants_included = values.participants.size();
  for (const Exclusion& e : values.exclusions)
    s.participants_left_out += e.roi.empty() && e.measure.empty();
  s.roi_measures = values.columns.size();
  s.tests = results.tests.size();
  for (const TestRow& t : results.tests) s.tests_not_computed += !t.status.empty();
  s.warnings = results.warnings;
  return s;
}

std::string describe_group_run(const GroupRunSummary& s) {
  std::ostringstream out;
  out << "acuroi group: " << s.participant_files << " participant files, "
      << s.participants_included << " participants included, " << s.participants_left_out
      << " left out (see " << s.outputs.exclusions_tsv.filename().string() << ")\n";
  out << "  " << s.roi_measures << " ROI x measure, " << s.tests << " tests";
  if (s.tests_not_computed > 0) out << " (" << s.tests_not_computed << " not computed: see status)";
  out << "\n";
  for (std::size_t i = 0; i < s.warnings.size() && i < 5; ++i)
    out << "  warning: " << s.warnings[i] << "\n";
  if (s.warnings.size() > 5)
    out << "  ... " << s.warnings.size() - 5 << " more warnings in the outputs\n";
  for (const auto& p : {s.outputs.h5, s.outputs.tests_tsv, s.outputs.glm_tsv,
                        s.outputs.study_records_tsv, s.outputs.exclusions_tsv})
    out << "  " << p.string() << "\n";
  return out.str();
}

}  // namespace acuroi::group
