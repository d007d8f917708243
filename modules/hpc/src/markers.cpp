#include "acuroi/core/timestamp.hpp"
#include "acuroi/hpc/markers.hpp"

#include <chrono>
#include <ctime>
#include <fstream>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/core/hash.hpp"
#include "acuroi/io/json.hpp"
#include "fingerprint_json.hpp"

namespace acuroi::hpc {

namespace fs = std::filesystem;
using detail::fingerprint_from_json;
using detail::fingerprint_json;

fs::path done_marker_path(const fs::path& output_dir, const std::string& label) {
  return output_dir / ("sub-" + label) / ".acuroi-done.json";
}

fs::path failed_marker_path(const fs::path& output_dir, const std::string& label) {
  return output_dir / ("sub-" + label) / ".acuroi-failed.json";
}

std::string utc_now() { return core::utc_timestamp(); }

OutputFile describe_output(const fs::path& output_dir, const fs::path& path) {
  return {path.lexically_relative(output_dir), static_cast<std::int64_t>(fs::file_size(path)),
          core::sha256_file(path)};
}

void write_done_marker(const fs::path& output_dir, const DoneMarker& m) {
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (const auto& o : m.outputs) outputs.push_back({{"path", o.path.string()}, {"size", o.size}, {"sha256", o.sha256}});
  const nlohmann::ordered_json j = {{"acuroi_marker", "done"},
                                    {"participant", m.participant},
                                    {"fingerprint_sha256", m.fingerprint_sha256},
                                    {"completed_utc", m.completed_utc},
                                    {"runs", m.runs},
                                    {"seconds", m.seconds},
                                    {"warnings", m.warnings},
                                    {"outputs", outputs},
                                    {"fingerprint", fingerprint_json(m.fingerprint)}};
  core::write_text_atomically(done_marker_path(output_dir, m.participant), j.dump(1) + "\n");
}

void write_failed_marker(const fs::path& output_dir, const FailedMarker& m) {
  const nlohmann::ordered_json j = {{"acuroi_marker", "failed"},
                                    {"participant", m.participant},
                                    {"fingerprint_sha256", m.fingerprint_sha256},
                                    {"failed_utc", m.failed_utc},
                                    {"reason", m.reason},
                                    {"fingerprint", fingerprint_json(m.fingerprint)}};
  core::write_text_atomically(failed_marker_path(output_dir, m.participant), j.dump(1) + "\n");
}

void clear_markers(const fs::path& output_dir, const std::string& label) {
  std::error_code ignored;
  fs::remove(done_marker_path(output_dir, label), ignored);
  fs::remove(failed_marker_path(output_dir, label), ignored);
}

int remove_temporaries(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  std::vector<fs::path> temporaries;
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && it->path().filename().string().find(".tmp-") != std::string::npos)
      temporaries.push_back(it->path());
  int removed = 0;
  for (const auto& path : temporaries) removed += fs::remove(path, ec) ? 1 : 0;
  return removed;
}

namespace {
template <class Parse>
auto read_marker(const fs::path& path, const char* kind, Parse parse) -> std::optional<decltype(parse(io::Json{}))> {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  const io::Json j = io::read_json(path);
  try {
    if (j.at("acuroi_marker").get<std::string>() != kind)
      throw core::InputError(path.string(), "acuroi_marker", j.at("acuroi_marker").dump(),
                             std::string("expected \"") + kind + "\"");
    return parse(j);
  } catch (const io::Json::exception& e) {
    throw core::InputError(path.string(), "marker", "", std::string("malformed marker: ") + e.what());
  }
}
}  // namespace

std::optional<DoneMarker> read_done_marker(const fs::path& path) {
  return read_marker(path, "done", [](const io::Json& j) {
    DoneMarker m;
    m.participant = j.at("participant").get<std::string>();
    m.fingerprint_sha256 = j.at("fingerprint_sha256").get<std::string>();
    m.completed_utc = j.at("completed_utc").get<std::string>();
    m.runs = j.at("runs").get<int>();
    m.seconds = j.at("seconds").get<double>();
    m.warnings = j.at("warnings").get<std::vector<std::string>>();
    for (const auto& o : j.at("outputs"))
      m.outputs.push_back({o.at("path").get<std::string>(), o.at("size").get<std::int64_t>(),
                           o.at("sha256").get<std::string>()});
    m.fingerprint = fingerprint_from_json(j.at("fingerprint"));
    return m;
  });
}

std::optional<FailedMarker> read_failed_marker(const fs::path& path) {
  return read_marker(path, "failed", [](const io::Json& j) {
    FailedMarker m;
    m.participant = j.at("participant").get<std::string>();
    m.fingerprint_sha256 = j.at("fingerprint_sha256").get<std::string>();
    m.failed_utc = j.at("failed_utc").get<std::string>();
    m.reason = j.at("reason").get<std::string>();
    m.fingerprint = fingerprint_from_json(j.at("fingerprint"));
    return m;
  });
}

std::string_view to_string(UnitState state) {
  switch (state) {
    case UnitState::done: return "done";
    case UnitState::failed: return "failed";
    case UnitState::stale: return "stale";
    case UnitState::pending: return "pending";
  }
  return "?";
}

namespace {
// "" when every output is there as recorded, else what is wrong with the first one that is not.
std::string output_problem(const fs::path& output_dir, const DoneMarker& m) {
  for (const auto& o : m.outputs) {
    const fs::path path = output_dir / o.path;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) return "output missing: " + o.path.string();
    if (static_cast<std::int64_t>(size) != o.size || core::sha256_file(path) != o.sha256)
      return "output modified since it was written: " + o.path.string();
  }
  return "";
}

std::string join(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& p : parts) text += (text.empty() ? "" : "; ") + p;
  return text;
}
}  // namespace

UnitStatus participant_status(const fs::path& output_dir, const std::string& label, const Fingerprint& current) {
  UnitStatus s{label, UnitState::pending, ""};
  try {
    if (const auto failed = read_failed_marker(failed_marker_path(output_dir, label))) {
      s.state = UnitState::failed;
      s.reason = failed->reason;
      if (failed->fingerprint_sha256 != current.digest()) s.reason += " [inputs or config changed since]";
      return s;
    }
    const auto done = read_done_marker(done_marker_path(output_dir, label));
    if (!done) {
      s.reason = "not processed yet";
      return s;
    }
    const auto differences = fingerprint_differences(done->fingerprint, current);
    if (!differences.empty() || done->fingerprint_sha256 != current.digest()) {
      s.state = UnitState::stale;
      s.reason = differences.empty() ? "fingerprint changed" : join(differences);
      return s;
    }
    if (const std::string problem = output_problem(output_dir, *done); !problem.empty()) {
      s.state = UnitState::stale;
      s.reason = problem;
      return s;
    }
    s.state = UnitState::done;
  } catch (const core::Error& e) {
    s.state = UnitState::stale;
    s.reason = std::string("unreadable marker: ") + e.what();
  }
  return s;
}

}  // namespace acuroi::hpc
