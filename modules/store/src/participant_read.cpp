// read_participant_record: one participant HDF5 file (SCHEMA.md) → ParticipantRecord.
#include <algorithm>

#include "acuroi/core/error.hpp"
#include "acuroi/store/h5_file.hpp"
#include "acuroi/store/participant_file.hpp"
#include "participant_schema.hpp"
#include "typed_reads.hpp"

namespace acuroi::store {

namespace {

using detail::kAnyLength;

void read_header(const H5Group& root, ParticipantRecord& record) {
  const std::int64_t version = root.read_int_attribute("schema_version");
  if (version != schema::kVersion)
    throw core::InputError(root.file_name(), "/@schema_version", std::to_string(version),
                           "unsupported schema version (this acuroi reads version " +
                               std::to_string(schema::kVersion) + ")");
  record.provenance.acuroi_version = root.read_string_attribute("acuroi_version");
  record.participant_label = root.read_string_attribute("participant");
  record.arm = root.read_string_attribute("arm");
  const H5Group covariates = root.open_group("covariates");
  for (const std::string& name : covariates.attribute_names())
    record.covariates[name] = covariates.read_string_attribute(name);
}

void read_rois(const H5Group& root, ParticipantRecord& record) {
  const H5Group group = root.open_group("rois");
  const std::vector<std::string> names = detail::read_strings(group, "names");
  const auto count = static_cast<std::int64_t>(names.size());
  const std::vector<std::string> kinds = detail::read_strings(group, "kinds", count);
  const std::vector<std::string> definitions = detail::read_strings(group, "definitions", count);
  for (std::size_t r = 0; r < names.size(); ++r)
    record.rois.push_back({names[r], kinds[r], definitions[r]});
}

std::vector<std::string> names_of(const auto& list) {
  return std::vector<std::string>(list.begin(), list.end());
}

RunRecord read_run(const H5Group& group, std::int64_t roi_count) {
  RunRecord run;
  run.session = group.read_string_attribute("session");
  run.task = group.read_string_attribute("task");
  run.run = group.read_string_attribute("run");
  run.tr_seconds = group.read_double_attribute("tr_seconds");
  run.volume_count = group.read_int_attribute("volume_count");
  run.bold_path = group.read_string_attribute("bold_path");
  run.confounds_path = group.read_string_attribute("confounds_path");
  run.mask_path = group.read_string_attribute("mask_path");
  run.time_series = detail::read_matrix(group, "timeseries", kAnyLength, roi_count);
  run.voxel_count = detail::read_int64s(group, "voxel_count", roi_count);
  run.coverage = detail::read_doubles(group, "coverage", roi_count);
  run.roi_status = detail::read_strings(group, "roi_status", roi_count);
  run.grid.affine = detail::read_matrix(group, "affine", 4, 4);
  const std::vector<std::int64_t> dims = detail::read_int64s(group, "grid_dims", 3);
  std::copy(dims.begin(), dims.end(), run.grid.dims.begin());
  detail::collect_arrays(group, "", names_of(schema::kRunDatasets), run.arrays);
  for (const std::string& name : group.attribute_names())
    if (!schema::contains(schema::kRunAttributes, name))
      run.attributes[name] = group.read_attribute(name);
  return run;
}

void read_sessions(const H5Group& root, ParticipantRecord& record) {
  if (!root.has_group("sessions")) return;
  const H5Group sessions = root.open_group("sessions");
  std::vector<std::pair<std::int64_t, RunRecord>> indexed_runs;
  const auto roi_count = static_cast<std::int64_t>(record.rois.size());
  for (const std::string& session : sessions.child_names()) {
    const H5Group session_group = sessions.open_group(session);
    std::map<std::string, Array> arrays;
    detail::collect_arrays(session_group, "", {"runs"}, arrays);
    if (!arrays.empty()) record.session_arrays[session] = std::move(arrays);
    if (!session_group.has_group("runs")) continue;
    const H5Group runs = session_group.open_group("runs");
    for (const std::string& name : runs.child_names()) {
      const H5Group run_group = runs.open_group(name);
      indexed_runs.emplace_back(run_group.read_int_attribute("run_index"),
                                read_run(run_group, roi_count));
    }
  }
  // Runs come back in the order they were written (run_index), not in name order.
  std::stable_sort(indexed_runs.begin(), indexed_runs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [index, run] : indexed_runs) record.runs.push_back(std::move(run));
}

void read_provenance(const H5Group& root, Provenance& provenance) {
  const H5Group group = root.open_group("provenance");
  provenance.config_sha256 = group.read_string_attribute("config_sha256");
  provenance.atlas_path = group.read_string_attribute("atlas_path");
  provenance.atlas_sha256 = group.read_string_attribute("atlas_sha256");
  provenance.roi_definitions_sha256 = group.read_string_attribute("roi_definitions_sha256");
  provenance.created_utc = group.read_string_attribute("created_utc");
  provenance.config_yaml = detail::read_scalar_string(group, "config_yaml");
  const H5Group inputs = group.open_group("inputs");
  const std::vector<std::string> roles = detail::read_strings(inputs, "role");
  const auto count = static_cast<std::int64_t>(roles.size());
  const std::vector<std::string> paths = detail::read_strings(inputs, "path", count);
  const std::vector<std::int64_t> sizes = detail::read_int64s(inputs, "size_bytes", count);
  const std::vector<std::string> hashes = detail::read_strings(inputs, "sha256", count);
  for (std::size_t i = 0; i < roles.size(); ++i)
    provenance.inputs.push_back({roles[i], paths[i], sizes[i], hashes[i]});
}

}  // namespace

ParticipantRecord read_participant_record(const std::filesystem::path& path) {
  ParticipantRecord record;
  H5File file = H5File::open_read_only(path);
  {
    const H5Group root = file.root();
    read_header(root, record);
    read_rois(root, record);
    read_sessions(root, record);
    read_provenance(root, record.provenance);
  }
  file.close();
  return record;
}

}  // namespace acuroi::store
