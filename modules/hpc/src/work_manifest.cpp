#include "acuroi/hpc/work_manifest.hpp"

#include <algorithm>
#include <map>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/io/json.hpp"
#include "acuroi/io/nifti.hpp"

namespace acuroi::hpc {

namespace {
// Single-thread throughputs of the streaming extraction (as participant/plan.cpp).
constexpr double kGzipBytesPerSecond = 250e6;
constexpr double kPlainBytesPerSecond = 1.5e9;

bool keeps_roi_voxels(const config::MeasureSettings& m) {
  for (const char* name : {"alff", "falff", "malff", "reho"})
    if (config::computes(m, name)) return true;
  return false;
}

struct GridVoxels {
  core::Grid grid;
  std::int64_t roi_voxels = 0;
};

std::int64_t roi_voxels_on(const participant::StudyInputs& study, const core::Grid& grid,
                           std::vector<GridVoxels>& cache) {
  for (const auto& g : cache)
    if (g.grid.same_as(grid)) return g.roi_voxels;
  std::int64_t total = 0;
  for (const auto& roi : study.regions.map_to_grid(grid)->rois) total += roi.voxel_count();
  cache.push_back({grid, total});
  return total;
}

WorkUnit estimate_unit(const participant::StudyInputs& study, const std::string& label,
                       const std::string& session, const io::RunFiles& files,
                       std::vector<GridVoxels>& cache) {
  const io::NiftiHeader h = io::read_nifti_header(files.bold);
  WorkUnit u{label, session, files.run, files.bold, h.volume_count(), 0, 0, 0};
  const std::int64_t voxels = h.grid.voxel_count();
  const std::int64_t volume_bytes = voxels * h.bytes_per_voxel();
  u.voxel_bytes = volume_bytes * u.volumes;
  u.seconds = static_cast<double>(u.voxel_bytes) / (h.gzipped ? kGzipBytesPerSecond : kPlainBytesPerSecond);
  const std::int64_t streaming = 2 * (volume_bytes + voxels * 4) + voxels * 4 + voxels * 8;
  const std::int64_t kept =
      keeps_roi_voxels(study.config.measures) ? roi_voxels_on(study, h.grid, cache) * u.volumes * 8 : 0;
  u.memory_bytes = streaming + kept;
  return u;
}
}  // namespace

std::int64_t WorkManifest::max_memory_bytes() const {
  std::int64_t m = 0;
  for (const auto& p : participants) m = std::max(m, p.memory_bytes);
  return m;
}

double WorkManifest::total_seconds() const {
  double s = 0;
  for (const auto& p : participants) s += p.seconds;
  return s;
}

std::size_t WorkManifest::unit_count() const {
  std::size_t n = 0;
  for (const auto& p : participants) n += p.units.size();
  return n;
}

const ParticipantWork* WorkManifest::find(const std::string& label) const {
  for (const auto& p : participants)
    if (p.label == label) return &p;
  return nullptr;
}

WorkManifest make_work_manifest(const participant::StudyInputs& study) {
  WorkManifest manifest;
  manifest.study = study.config.study.name;
  std::vector<GridVoxels> cache;
  const auto& sessions = study.config.study.sessions;
  for (const auto& p : study.dataset.participants) {
    ParticipantWork work{p.label, {}, 0, 0};
    for (const auto& label : {sessions.pre, sessions.post})
      if (const io::Session* session = p.session(label))
        for (const auto& files : session->runs) {
          WorkUnit unit = estimate_unit(study, p.label, label, files, cache);
          work.memory_bytes = std::max(work.memory_bytes, unit.memory_bytes);
          work.seconds += unit.seconds;
          work.units.push_back(std::move(unit));
        }
    manifest.participants.push_back(std::move(work));
  }
  return manifest;
}

void write_work_manifest(const WorkManifest& manifest, const std::vector<std::vector<std::string>>& shards,
                         const std::filesystem::path& path) {
  io::Json participants = io::Json::array();
  for (const auto& p : manifest.participants) {
    io::Json units = io::Json::array();
    for (const auto& u : p.units)
      units.push_back({{"session", u.session}, {"run", u.run}, {"bold", u.bold.string()},
                       {"volumes", u.volumes}, {"voxel_bytes", u.voxel_bytes},
                       {"memory_bytes", u.memory_bytes}, {"seconds", u.seconds}});
    participants.push_back({{"label", p.label}, {"memory_bytes", p.memory_bytes},
                            {"seconds", p.seconds}, {"units", units}});
  }
  const io::Json json = {{"acuroi_manifest_version", 1}, {"study", manifest.study},
                         {"participants", participants}, {"shards", shards}};
  core::write_text_atomically(path, json.dump(1) + "\n");
}

StoredManifest read_work_manifest(const std::filesystem::path& path) {
  const io::Json json = io::read_json(path);
  StoredManifest stored;
  try {
    if (json.at("acuroi_manifest_version").get<int>() != 1)
      throw core::InputError(path.string(), "acuroi_manifest_version",
                             json.at("acuroi_manifest_version").dump(), "unsupported version");
    stored.manifest.study = json.at("study").get<std::string>();
    for (const auto& p : json.at("participants")) {
      ParticipantWork work{p.at("label").get<std::string>(), {}, p.at("memory_bytes").get<std::int64_t>(),
                           p.at("seconds").get<double>()};
      for (const auto& u : p.at("units"))
        work.units.push_back({work.label, u.at("session").get<std::string>(), u.at("run").get<std::string>(),
                              u.at("bold").get<std::string>(), u.at("volumes").get<std::int64_t>(),
                              u.at("voxel_bytes").get<std::int64_t>(), u.at("memory_bytes").get<std::int64_t>(),
                              u.at("seconds").get<double>()});
      stored.manifest.participants.push_back(std::move(work));
    }
    stored.shards = json.at("shards").get<std::vector<std::vector<std::string>>>();
  } catch (const io::Json::exception& e) {
    throw core::InputError(path.string(), "manifest", "", std::string("malformed work manifest: ") + e.what());
  }
  return stored;
}

}  // namespace acuroi::hpc
