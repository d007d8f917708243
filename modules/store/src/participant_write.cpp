// write_participant_record: a ParticipantRecord → one HDF5 file, laid out as SCHEMA.md says.
#include "acuroi/core/error.hpp"
#include "acuroi/store/h5_file.hpp"
#include "acuroi/store/participant_file.hpp"
#include "participant_schema.hpp"

namespace acuroi::store {

namespace {

void write_header(H5Group& root, const ParticipantRecord& record) {
  root.write_attribute("schema_version", schema::kVersion);
  root.write_attribute("acuroi_version", record.provenance.acuroi_version);
  root.write_attribute("participant", record.participant_label);
  root.write_attribute("arm", record.arm);
  H5Group covariates = root.create_group("covariates");
  for (const auto& [name, value] : record.covariates) covariates.write_attribute(name, value);
}

void write_rois(H5Group& root, const std::vector<RoiDefinitionRecord>& rois) {
  std::vector<std::string> names, kinds, definitions;
  for (const RoiDefinitionRecord& roi : rois) {
    names.push_back(roi.name);
    kinds.push_back(roi.kind);
    definitions.push_back(roi.definition);
  }
  H5Group group = root.create_group("rois");
  group.write_array("names", vector_array(std::move(names)));
  group.write_array("kinds", vector_array(std::move(kinds)));
  group.write_array("definitions", vector_array(std::move(definitions)));
}

void write_run(H5Group& root, const RunRecord& run, std::int64_t run_index) {
  H5Group group = root.create_group(schema::run_group_path(run.session, run.task, run.run));
  group.write_attribute("session", run.session);
  group.write_attribute("task", run.task);
  group.write_attribute("run", run.run);
  group.write_attribute("run_index", run_index);
  group.write_attribute("tr_seconds", run.tr_seconds);
  group.write_attribute("volume_count", run.volume_count);
  group.write_attribute("bold_path", run.bold_path);
  group.write_attribute("confounds_path", run.confounds_path);
  group.write_attribute("mask_path", run.mask_path);
  group.write_array("timeseries", matrix_array(run.time_series));
  group.write_array("voxel_count", vector_array(run.voxel_count));
  group.write_array("coverage", vector_array(run.coverage));
  group.write_array("roi_status", vector_array(run.roi_status));
  group.write_array("affine", matrix_array(run.grid.affine));
  group.write_array("grid_dims", vector_array(std::vector<std::int64_t>(run.grid.dims.begin(),
                                                                        run.grid.dims.end())));
  for (const auto& [path, array] : run.arrays) group.write_array(path, array);
  for (const auto& [name, value] : run.attributes) group.write_attribute(name, value);
}

void write_provenance(H5Group& root, const Provenance& provenance) {
  H5Group group = root.create_group("provenance");
  group.write_attribute("config_sha256", provenance.config_sha256);
  group.write_attribute("atlas_path", provenance.atlas_path);
  group.write_attribute("atlas_sha256", provenance.atlas_sha256);
  group.write_attribute("roi_definitions_sha256", provenance.roi_definitions_sha256);
  group.write_attribute("created_utc", provenance.created_utc);
  group.write_array("config_yaml", scalar_array(provenance.config_yaml));
  std::vector<std::string> roles, paths, hashes;
  std::vector<std::int64_t> sizes;
  for (const InputFile& input : provenance.inputs) {
    roles.push_back(input.role);
    paths.push_back(input.path);
    sizes.push_back(input.size_bytes);
    hashes.push_back(input.sha256);
  }
  H5Group inputs = group.create_group("inputs");
  inputs.write_array("role", vector_array(std::move(roles)));
  inputs.write_array("path", vector_array(std::move(paths)));
  inputs.write_array("size_bytes", vector_array(std::move(sizes)));
  inputs.write_array("sha256", vector_array(std::move(hashes)));
}

void write_file(const ParticipantRecord& record, const std::filesystem::path& temporary) {
  H5File file = H5File::create(temporary);
  {
    H5Group root = file.root();
    write_header(root, record);
    write_rois(root, record.rois);
    H5Group sessions = root.create_group("sessions");
    for (std::size_t i = 0; i < record.runs.size(); ++i)
      write_run(root, record.runs[i], static_cast<std::int64_t>(i));
    for (const auto& [session, arrays] : record.session_arrays) {
      H5Group session_group = sessions.require_group(session);
      for (const auto& [path, array] : arrays) session_group.write_array(path, array);
    }
    write_provenance(root, record.provenance);
  }
  file.close();
}

}  // namespace

std::filesystem::path participant_file_path(const std::filesystem::path& output_dir,
                                            const std::string& participant_label) {
  const std::string subject = "sub-" + participant_label;
  return output_dir / subject / (subject + "_acuroi.h5");
}

void write_participant_record(const ParticipantRecord& record, core::AtomicFile& out) {
  validate_participant_record(record, out.target_path().string());
  write_file(record, out.temporary_path());
}

void write_participant_record(const ParticipantRecord& record, const std::filesystem::path& path) {
  validate_participant_record(record, path.string());  // before a temporary exists
  core::AtomicFile out(path);
  write_file(record, out.temporary_path());
  out.commit();
}

}  // namespace acuroi::store
