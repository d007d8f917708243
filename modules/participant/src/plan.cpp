#include "acuroi/participant/plan.hpp"

#include <tbb/task_arena.h>

#include <iomanip>
#include <sstream>

#include "acuroi/io/nifti.hpp"

namespace acuroi::participant {

namespace {
// Conservative single-thread throughputs of the streaming extraction (bytes of voxel data per
// second), measured with scripts/bench-extract.sh on a 2-core machine.
constexpr double kGzipBytesPerSecond = 250e6;
constexpr double kPlainBytesPerSecond = 1.5e9;

PlannedGrid& grid_entry(Plan& plan, const core::Grid& grid) {
  for (auto& g : plan.grids)
    if (g.grid.same_as(grid)) return g;
  plan.grids.push_back({grid, 0, {}});
  return plan.grids.back();
}

void plan_run(const io::RunFiles& files, Plan& plan, PlannedParticipant& person, double& seconds) {
  const io::NiftiHeader header = io::read_nifti_header(files.bold);
  const std::int64_t volume_bytes = header.grid.voxel_count() * header.bytes_per_voxel();
  const std::int64_t bytes = volume_bytes * header.volume_count();
  person.volumes += header.volume_count();
  plan.decoded_bytes += bytes;
  seconds += bytes / (header.gzipped ? kGzipBytesPerSecond : kPlainBytesPerSecond);
  grid_entry(plan, header.grid).run_count++;
  // Per thread: raw volume + float volume (double-buffered) + mask + label index.
  const std::int64_t voxels = header.grid.voxel_count();
  const std::int64_t working = 2 * (volume_bytes + voxels * 4) + voxels * 4 + voxels * 8;
  plan.peak_memory_bytes = std::max(plan.peak_memory_bytes, working);
}
}  // namespace

Plan make_plan(const StudyInputs& study) {
  Plan plan;
  const auto& sessions = study.config.study.sessions;
  for (const auto& p : study.dataset.participants) {
    PlannedParticipant person{p.label, p.arm, 0, 0, 0};
    for (const auto& label : {sessions.pre, sessions.post}) {
      const io::Session* session = p.session(label);
      if (!session) continue;
      (label == sessions.pre ? person.pre_runs : person.post_runs) += static_cast<int>(session->runs.size());
      for (const auto& files : session->runs) plan_run(files, plan, person, plan.estimated_seconds);
    }
    plan.total_volumes += person.volumes;
    plan.participants.push_back(person);
  }
  for (auto& g : plan.grids) {
    const auto rois = study.regions.map_to_grid(g.grid);
    for (const auto& r : rois->rois) g.roi_voxel_counts.push_back(r.voxel_count());
  }
  for (const auto& problem : study.dataset.problems) plan.problems.push_back(io::describe(problem));
  plan.threads = study.config.extraction.threads > 0 ? study.config.extraction.threads
                                                     : tbb::this_task_arena::max_concurrency();
  plan.peak_memory_bytes *= plan.threads;
  return plan;
}

std::string describe_plan(const StudyInputs& study, const Plan& plan) {
  std::ostringstream s;
  const auto& c = study.config;
  s << "study " << c.study.name << ": " << c.study.dataset.string() << "\n"
    << "  task " << c.study.task << ", space " << c.study.space << ", sessions pre=" << c.study.sessions.pre
    << " post=" << c.study.sessions.post << ", config sha256 " << study.config_sha256.substr(0, 12) << "\n\n";
  s << "participants (" << plan.participants.size() << "):\n";
  for (const auto& p : plan.participants)
    s << "  sub-" << std::left << std::setw(10) << p.label << std::setw(14) << p.arm << "pre runs " << p.pre_runs
      << ", post runs " << p.post_runs << ", volumes " << p.volumes << "\n";
  const auto names = study.regions.names();
  for (std::size_t g = 0; g < plan.grids.size(); ++g) {
    const auto& grid = plan.grids[g];
    const auto size = grid.grid.voxel_size_mm();
    s << "\ngrid " << g + 1 << " (" << grid.run_count << " runs): " << grid.grid.dims[0] << "x" << grid.grid.dims[1]
      << "x" << grid.grid.dims[2] << " voxels of " << size.x() << "x" << size.y() << "x" << size.z() << " mm\n";
    for (std::size_t r = 0; r < names.size(); ++r)
      s << "  ROI " << std::setw(20) << names[r] << grid.roi_voxel_counts[r] << " voxels"
        << (grid.roi_voxel_counts[r] == 0 ? "  (no voxels: values will be NaN)" : "") << "\n";
  }
  s << "\nproblems (" << plan.problems.size() << "):\n";
  for (const auto& p : plan.problems) s << "  " << p << "\n";
  s << std::fixed << std::setprecision(1) << "\nestimate: " << plan.total_volumes << " volumes, "
    << plan.decoded_bytes / 1e6 << " MB of voxel data, peak memory ~" << plan.peak_memory_bytes / 1e6
    << " MB with " << plan.threads << " thread(s), ~" << plan.estimated_seconds / plan.threads << " s\n";
  return s.str();
}

}  // namespace acuroi::participant
