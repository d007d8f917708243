// Resume markers, one folder per participant next to its HDF5 file:
//   <output.dir>/sub-<label>/.acuroi-done.json     written (atomically) only after every output
//                                                  of the participant is committed
//   <output.dir>/sub-<label>/.acuroi-failed.json   the failure reason
// Both hold the fingerprint (fingerprint.hpp) the work was done with. Before a participant is
// processed both markers are removed, so a marker always describes the files committed before it.
// The done marker lists every output (path relative to output.dir, size, SHA-256): a participant
// is done only when the marker reads back, its fingerprint is the current one and every output is
// there with the recorded size and hash. A process killed at any moment therefore leaves either
// no marker (pending: redone) or a complete set of outputs.
//
//   UnitStatus s = participant_status(output_dir, "01", participant_fingerprint(study, p));
//   if (s.state != UnitState::done) std::cout << to_string(s.state) << ": " << s.reason;
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acuroi/hpc/fingerprint.hpp"

namespace acuroi::hpc {

std::filesystem::path done_marker_path(const std::filesystem::path& output_dir, const std::string& label);
std::filesystem::path failed_marker_path(const std::filesystem::path& output_dir, const std::string& label);

struct OutputFile {
  std::filesystem::path path;  // relative to output.dir
  std::int64_t size = 0;
  std::string sha256;
};

// `path` (inside `output_dir`) with its size and SHA-256 now.
OutputFile describe_output(const std::filesystem::path& output_dir, const std::filesystem::path& path);

struct DoneMarker {
  std::string participant;
  std::string fingerprint_sha256;
  Fingerprint fingerprint;
  std::vector<OutputFile> outputs;
  int runs = 0;
  double seconds = 0;
  std::vector<std::string> warnings;
  std::string completed_utc;
};

struct FailedMarker {
  std::string participant;
  std::string fingerprint_sha256;
  Fingerprint fingerprint;
  std::string reason;
  std::string failed_utc;
};

void write_done_marker(const std::filesystem::path& output_dir, const DoneMarker& marker);
void write_failed_marker(const std::filesystem::path& output_dir, const FailedMarker& marker);
// Removes both markers of a participant (before it is processed again).
void clear_markers(const std::filesystem::path& output_dir, const std::string& label);

// Removes the temporaries ("*.tmp-<pid>-<n>", core/atomic_file.hpp) a killed process left under
// `folder` (only one process works on a participant's folder at a time); returns how many.
int remove_temporaries(const std::filesystem::path& folder);

// nullopt when there is no marker; throws core::InputError for an unreadable or malformed one.
std::optional<DoneMarker> read_done_marker(const std::filesystem::path& path);
std::optional<FailedMarker> read_failed_marker(const std::filesystem::path& path);

enum class UnitState { done, failed, stale, pending };
std::string_view to_string(UnitState state);

struct UnitStatus {
  std::string participant;
  UnitState state = UnitState::pending;
  std::string reason;  // why failed/stale/pending ("" when done)
};

UnitStatus participant_status(const std::filesystem::path& output_dir, const std::string& label,
                              const Fingerprint& current);

// The current UTC time, ISO 8601 ("2026-11-21T17:40:00Z").
std::string utc_now();

}  // namespace acuroi::hpc
