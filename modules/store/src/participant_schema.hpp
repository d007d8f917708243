// Names of the participant file's groups, datasets and attributes (schema version 1), shared by
// the writer, the reader and validation. SCHEMA.md is the documentation of these names.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace acuroi::store::schema {

inline constexpr std::int64_t kVersion = 1;

// Datasets of a run group, and its attributes.
inline constexpr std::array<std::string_view, 6> kRunDatasets = {
    "timeseries", "voxel_count", "coverage", "roi_status", "affine", "grid_dims"};
inline constexpr std::array<std::string_view, 9> kRunAttributes = {
    "session",   "task",           "run",      "run_index", "tr_seconds", "volume_count",
    "bold_path", "confounds_path", "mask_path"};
inline constexpr std::array<std::string_view, 4> kRoiKinds = {"labels", "sphere", "mask", "union"};

// "rest" + "1" → "rest_run-1"; "rest" + "" → "rest".
inline std::string run_group_name(const std::string& task, const std::string& run) {
  return run.empty() ? task : task + "_run-" + run;
}

// "pre", "rest_run-1" → "sessions/pre/runs/rest_run-1" (relative to the root).
inline std::string run_group_path(const std::string& session, const std::string& task,
                                  const std::string& run) {
  return "sessions/" + session + "/runs/" + run_group_name(task, run);
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  for (const std::string_view n : names)
    if (n == name) return true;
  return false;
}

}  // namespace acuroi::store::schema
