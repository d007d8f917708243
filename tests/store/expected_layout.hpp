// The layout SCHEMA.md promises for a participant record, spelled out as JSON (every group with
// all its attributes, every dataset with dtype, shape, values and compression) so that an
// independent reader (h5py, check_participant_h5.py) can compare a file against it.
// Built straight from the record's fields and SCHEMA.md, not through the store writer.
#pragma once
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "acuroi/store/participant_record.hpp"

namespace acuroi::store::testing {

using Json = nlohmann::ordered_json;

inline Json number(double v) { return std::isnan(v) ? Json(nullptr) : Json(v); }

inline Json attribute(const std::string& s) { return {{"type", "string"}, {"value", s}}; }
inline Json attribute(std::int64_t i) { return {{"type", "int64"}, {"value", i}}; }
inline Json attribute(double d) { return {{"type", "float64"}, {"value", number(d)}}; }

inline Json dataset_json(const Array& array) {
  Json values = Json::array();
  std::string dtype;
  std::size_t element_size = 0;
  if (const auto* d = std::get_if<std::vector<double>>(&array.data)) {
    dtype = "float64", element_size = 8;
    for (double v : *d) values.push_back(number(v));
  } else if (const auto* f = std::get_if<std::vector<float>>(&array.data)) {
    dtype = "float32", element_size = 4;
    for (float v : *f) values.push_back(number(v));
  } else if (const auto* i = std::get_if<std::vector<std::int64_t>>(&array.data)) {
    dtype = "int64", element_size = 8;
    for (auto v : *i) values.push_back(v);
  } else if (const auto* u = std::get_if<std::vector<std::uint8_t>>(&array.data)) {
    dtype = "uint8", element_size = 1;
    for (auto v : *u) values.push_back(v);
  } else {
    dtype = "string";
    for (const auto& s : std::get<std::vector<std::string>>(array.data)) values.push_back(s);
  }
  // SCHEMA.md: numeric datasets of 64 KiB or more are chunked and gzip-compressed.
  const bool compressed = element_size > 0 && !array.shape.empty() &&
                          element_size * static_cast<std::size_t>(array.element_count()) >= 65536;
  return {{"dtype", dtype},
          {"shape", array.shape},
          {"values", values},
          {"compression", compressed ? Json("gzip") : Json(nullptr)}};
}

inline Json matrix_dataset(const Eigen::MatrixXd& m) {
  Json values = Json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) values.push_back(number(m(r, c)));
  const bool compressed = m.size() * 8 >= 65536;
  return {{"dtype", "float64"},
          {"shape", {m.rows(), m.cols()}},
          {"values", values},
          {"compression", compressed ? Json("gzip") : Json(nullptr)}};
}

template <class T>
Json vector_dataset(const std::vector<T>& v) {
  return dataset_json(vector_array(v));
}

// Adds `path` and all its parent groups (with no attributes unless given elsewhere).
inline void add_groups(Json& groups, const std::string& path) {
  std::string prefix;
  for (std::size_t start = 1; start <= path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    prefix = path.substr(0, end);
    if (!groups.contains(prefix)) groups[prefix] = {{"attributes", Json::object()}};
    start = end + 1;
  }
}

inline void add_run(Json& layout, const RunRecord& run, std::int64_t index) {
  const std::string group =
      "/sessions/" + run.session + "/runs/" + run.task + (run.run.empty() ? "" : "_run-" + run.run);
  add_groups(layout["groups"], group);
  Json& attributes = layout["groups"][group]["attributes"];
  attributes["session"] = attribute(run.session);
  attributes["task"] = attribute(run.task);
  attributes["run"] = attribute(run.run);
  attributes["run_index"] = attribute(index);
  attributes["tr_seconds"] = attribute(run.tr_seconds);
  attributes["volume_count"] = attribute(run.volume_count);
  attributes["bold_path"] = attribute(run.bold_path);
  attributes["confounds_path"] = attribute(run.confounds_path);
  attributes["mask_path"] = attribute(run.mask_path);
  for (const auto& [name, value] : run.attributes)
    attributes[name] = std::visit([](const auto& v) { return attribute(v); }, value);
  Json& datasets = layout["datasets"];
  datasets[group + "/timeseries"] = matrix_dataset(run.time_series);
  datasets[group + "/voxel_count"] = vector_dataset(run.voxel_count);
  datasets[group + "/coverage"] = vector_dataset(run.coverage);
  datasets[group + "/roi_status"] = vector_dataset(run.roi_status);
  datasets[group + "/affine"] = matrix_dataset(run.grid.affine);
  datasets[group + "/grid_dims"] =
      vector_dataset(std::vector<std::int64_t>(run.grid.dims.begin(), run.grid.dims.end()));
  for (const auto& [path, array] : run.arrays) {
    const std::string full = group + "/" + path;
    add_groups(layout["groups"], full.substr(0, full.rfind('/')));
    datasets[full] = dataset_json(array);
  }
}

inline Json expected_layout(const ParticipantRecord& record) {
  Json layout = {{"groups", Json::object()}, {"datasets", Json::object()}};
  Json& groups = layout["groups"];
  Json& datasets = layout["datasets"];
  groups["/"]["attributes"] = {{"schema_version", attribute(std::int64_t{1})},
                               {"acuroi_version", attribute(record.provenance.acuroi_version)},
                               {"participant", attribute(record.participant_label)},
                               {"arm", attribute(record.arm)}};
  groups["/covariates"]["attributes"] = Json::object();
  for (const auto& [name, value] : record.covariates)
    groups["/covariates"]["attributes"][name] = attribute(value);
  add_groups(groups, "/rois");
  std::vector<std::string> names, kinds, definitions;
  for (const auto& roi : record.rois) {
    names.push_back(roi.name);
    kinds.push_back(roi.kind);
    definitions.push_back(roi.definition);
  }
  datasets["/rois/names"] = vector_dataset(names);
  datasets["/rois/kinds"] = vector_dataset(kinds);
  datasets["/rois/definitions"] = vector_dataset(definitions);
  add_groups(groups, "/sessions");
  for (std::size_t i = 0; i < record.runs.size(); ++i)
    add_run(layout, record.runs[i], static_cast<std::int64_t>(i));
  for (const auto& [session, arrays] : record.session_arrays)
    for (const auto& [path, array] : arrays) {
      const std::string full = "/sessions/" + session + "/" + path;
      add_groups(groups, full.substr(0, full.rfind('/')));
      datasets[full] = dataset_json(array);
    }
  const Provenance& p = record.provenance;
  groups["/provenance"]["attributes"] = {
      {"config_sha256", attribute(p.config_sha256)},
      {"atlas_path", attribute(p.atlas_path)},
      {"atlas_sha256", attribute(p.atlas_sha256)},
      {"roi_definitions_sha256", attribute(p.roi_definitions_sha256)},
      {"created_utc", attribute(p.created_utc)}};
  datasets["/provenance/config_yaml"] = {{"dtype", "string"},
                                         {"shape", Json::array()},
                                         {"values", {p.config_yaml}},
                                         {"compression", nullptr}};
  add_groups(groups, "/provenance/inputs");
  std::vector<std::string> roles, paths, hashes;
  std::vector<std::int64_t> sizes;
  for (const auto& input : p.inputs) {
    roles.push_back(input.role);
    paths.push_back(input.path);
    sizes.push_back(input.size_bytes);
    hashes.push_back(input.sha256);
  }
  datasets["/provenance/inputs/role"] = vector_dataset(roles);
  datasets["/provenance/inputs/path"] = vector_dataset(paths);
  datasets["/provenance/inputs/size_bytes"] = vector_dataset(sizes);
  datasets["/provenance/inputs/sha256"] = vector_dataset(hashes);
  return layout;
}

}  // namespace acuroi::store::testing
