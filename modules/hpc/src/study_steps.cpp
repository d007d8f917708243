#include "acuroi/metastudy/run.hpp"
#include "acuroi/hpc/study_steps.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/core/hash.hpp"
#include "acuroi/core/version.hpp"
#include "acuroi/group/run.hpp"
#include "acuroi/io/json.hpp"

namespace acuroi::hpc {

namespace fs = std::filesystem;

fs::path group_marker_path(const fs::path& output_dir) { return output_dir / "group" / ".acuroi-done.json"; }

namespace {

// The fingerprint of the group step, as canonical text (hashed) and its parts.
std::string group_fingerprint_text(const config::Config& config) {
  std::ostringstream text;
  for (const char* section : {"study", "participants", "group"})
    text << "section\t" << section << '\t' << config::config_hash(config, {section}) << '\n';
  text << "version\t" << core::version() << '\n';
  std::vector<fs::path> files;
  try {
    files = group::find_participant_files(config.output.dir);
  } catch (const core::InputError&) {
  }
  for (const auto& f : files)
    text << "participant_file\t" << f.lexically_relative(config.output.dir).string() << '\t' << core::sha256_file(f) << '\n';
  return text.str();
}

std::string group_fingerprint(const config::Config& config) { return core::sha256_hex(group_fingerprint_text(config)); }

}  // namespace

StepStatus group_step_status(const config::Config& config) {
  const fs::path marker = group_marker_path(config.output.dir);
  std::error_code ec;
  if (!fs::exists(marker, ec)) return {UnitState::pending, "not run yet"};
  try {
    const io::Json j = io::read_json(marker);
    if (j.at("fingerprint_sha256").get<std::string>() != group_fingerprint(config))
      return {UnitState::stale, "participant files, config (study/participants/group) or version changed"};
    for (const auto& o : j.at("outputs")) {
      const fs::path path = config.output.dir / o.at("path").get<std::string>();
      if (!fs::exists(path, ec) || core::sha256_file(path) != o.at("sha256").get<std::string>())
        return {UnitState::stale, "output missing or modified: " + o.at("path").get<std::string>()};
    }
  } catch (const std::exception& e) {
    return {UnitState::stale, std::string("unreadable marker: ") + e.what()};
  }
  return {UnitState::done, ""};
}

StepResult run_group_step(const config::Config& config, int threads) {
  StepResult result;
  std::error_code ignored;
  fs::remove(group_marker_path(config.output.dir), ignored);
  remove_temporaries(config.output.dir / "group");
  try {
    const std::string fingerprint = group_fingerprint(config);
    const group::GroupRunSummary summary = group::run_group(config, threads);
    result.summary = group::describe_group_run(summary);
    nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
    const auto& o = summary.outputs;
    for (const auto& path : {o.h5, o.tests_tsv, o.glm_tsv, o.study_records_tsv, o.exclusions_tsv})
      if (fs::exists(path, ignored))
        outputs.push_back({{"path", path.lexically_relative(config.output.dir).string()}, {"sha256", core::sha256_file(path)}});
    const nlohmann::ordered_json marker = {{"acuroi_marker", "group-done"},
                                           {"fingerprint_sha256", fingerprint},
                                           {"completed_utc", utc_now()},
                                           {"outputs", outputs},
                                           {"fingerprint", group_fingerprint_text(config)}};
    if (group_fingerprint(config) == fingerprint)  // participant files unchanged while it ran
      core::write_text_atomically(group_marker_path(config.output.dir), marker.dump(1) + "\n");
    result.succeeded = true;
  } catch (const core::Error& e) {
    result.failure_reason = e.what();
    result.exit_code = static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    result.failure_reason = e.what();
    result.exit_code = static_cast<int>(core::ExitCode::runtime_failure);
  }
  return result;
}

bool meta_configured(const config::Config& config) { return !config.meta.studies.empty(); }

StepResult run_meta_step(const config::Config& config, int) {
  StepResult result;
  remove_temporaries(metastudy::meta_output_dir(config));  // left by a killed run
  try {
    result.summary = metastudy::describe_meta_run(metastudy::run_meta(config));
    result.succeeded = true;
  } catch (const core::Error& e) {
    result.failure_reason = e.what();
    result.exit_code = static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    result.failure_reason = e.what();
    result.exit_code = static_cast<int>(core::ExitCode::runtime_failure);
  }
  return result;
}

}  // namespace acuroi::hpc
