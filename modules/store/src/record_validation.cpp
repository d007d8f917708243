// validate_participant_record: everything that can be wrong with a record, found before writing.
#include <cmath>
#include <set>
#include <tuple>

#include "acuroi/core/error.hpp"
#include "acuroi/store/participant_record.hpp"
#include "participant_schema.hpp"

namespace acuroi::store {

namespace {

void require_label(const std::string& file, const std::string& field, const std::string& value,
                   bool may_be_empty = false) {
  if (may_be_empty && value.empty()) return;
  if (!is_bids_label(value))
    throw core::InputError(file, field, value, "not a BIDS label (one or more letters or digits)");
}

bool has_control_character(const std::string& text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return false;
}

void require_array_path(const std::string& file, const std::string& field,
                        const std::string& path) {
  bool ok = !path.empty() && path.front() != '/' && path.back() != '/' &&
            path.find("//") == std::string::npos;
  for (std::size_t start = 0; ok && start < path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, end - start);
    ok = part != "." && part != "..";
    start = end + 1;
  }
  if (!ok) throw core::InputError(file, field, path, "not a relative HDF5 path (a/b/c)");
}

void require_shape(const std::string& file, const std::string& field, const Array& array) {
  for (const std::int64_t d : array.shape)
    if (d < 0) throw core::InputError(file, field, std::to_string(d), "negative dimension");
  if (array.element_count() != array.value_count())
    throw core::InputError(file, field, std::to_string(array.value_count()) + " values",
                           "the shape holds " + std::to_string(array.element_count()) + " values");
}

std::string first_component(const std::string& path) { return path.substr(0, path.find('/')); }

void validate_rois(const ParticipantRecord& record, const std::string& file) {
  std::set<std::string> names;
  for (std::size_t r = 0; r < record.rois.size(); ++r) {
    const RoiDefinitionRecord& roi = record.rois[r];
    const std::string field = "rois[" + std::to_string(r) + "]";
    if (roi.name.empty() || has_control_character(roi.name))
      throw core::InputError(file, field + ".name", roi.name,
                             "ROI names must be non-empty, without tabs or line breaks");
    if (!names.insert(roi.name).second)
      throw core::InputError(file, field + ".name", roi.name, "duplicate ROI name");
    if (!schema::contains(schema::kRoiKinds, roi.kind))
      throw core::InputError(file, field + ".kind", roi.kind,
                             "must be one of labels, sphere, mask, union");
  }
}

void validate_run_extras(const RunRecord& run, const std::string& file, const std::string& field) {
  for (const auto& [path, array] : run.arrays) {
    require_array_path(file, field + ".arrays", path);
    if (schema::contains(schema::kRunDatasets, first_component(path)))
      throw core::InputError(file, field + ".arrays", path, "clashes with a standard run dataset");
    require_shape(file, field + ".arrays[" + path + "]", array);
  }
  for (const auto& [name, value] : run.attributes)
    if (name.empty() || schema::contains(schema::kRunAttributes, name))
      throw core::InputError(file, field + ".attributes", name,
                             "empty or clashes with a standard run attribute");
}

void validate_run(const RunRecord& run, std::size_t roi_count, const std::string& file,
                  const std::string& field) {
  require_label(file, field + ".session", run.session);
  require_label(file, field + ".task", run.task);
  require_label(file, field + ".run", run.run, true);
  if (!(std::isfinite(run.tr_seconds) && run.tr_seconds > 0))
    throw core::InputError(file, field + ".tr_seconds", std::to_string(run.tr_seconds),
                           "must be a positive number of seconds");
  if (run.volume_count < 0)
    throw core::InputError(file, field + ".volume_count", std::to_string(run.volume_count),
                           "must not be negative");
  const auto roi_text = std::to_string(roi_count) + " ROIs are defined";
  if (static_cast<std::size_t>(run.time_series.cols()) != roi_count)
    throw core::InputError(file, field + ".time_series",
                           std::to_string(run.time_series.cols()) + " columns", roi_text);
  const auto check_size = [&](const char* name, std::size_t size) {
    if (size != roi_count)
      throw core::InputError(file, field + "." + name, std::to_string(size) + " values", roi_text);
  };
  check_size("voxel_count", run.voxel_count.size());
  check_size("coverage", run.coverage.size());
  check_size("roi_status", run.roi_status.size());
  validate_run_extras(run, file, field);
}

}  // namespace

bool is_bids_label(const std::string& label) {
  if (label.empty()) return false;
  for (const char c : label)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

void validate_participant_record(const ParticipantRecord& record, const std::string& file) {
  require_label(file, "participant_label", record.participant_label);
  for (const auto& [name, value] : record.covariates)
    if (name.empty())
      throw core::InputError(file, "covariates", value, "covariate with an empty name");
  validate_rois(record, file);
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (std::size_t i = 0; i < record.runs.size(); ++i) {
    const RunRecord& run = record.runs[i];
    const std::string field = "runs[" + std::to_string(i) + "]";
    validate_run(run, record.rois.size(), file, field);
    if (!seen.emplace(run.session, run.task, run.run).second)
      throw core::InputError(file, field, schema::run_group_path(run.session, run.task, run.run),
                             "the same session/task/run appears twice");
  }
  for (const auto& [session, arrays] : record.session_arrays) {
    require_label(file, "session_arrays", session);
    for (const auto& [path, array] : arrays) {
      const std::string field = "session_arrays[" + session + "]";
      require_array_path(file, field, path);
      if (first_component(path) == "runs")
        throw core::InputError(file, field, path, "\"runs\" is reserved for run groups");
      require_shape(file, field + "[" + path + "]", array);
    }
  }
  for (std::size_t i = 0; i < record.provenance.inputs.size(); ++i)
    if (record.provenance.inputs[i].size_bytes < 0)
      throw core::InputError(file, "provenance.inputs[" + std::to_string(i) + "].size_bytes",
                             std::to_string(record.provenance.inputs[i].size_bytes),
                             "negative size");
}

}  // namespace acuroi::store
