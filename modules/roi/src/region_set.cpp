#include <atomic>
#include <mutex>

#include "prepared_regions.hpp"

namespace acuroi::roi {

std::vector<std::string> RoiMap::names() const {
  std::vector<std::string> out;
  out.reserve(rois.size());
  for (const Roi& r : rois) out.push_back(r.name);
  return out;
}

namespace {

bool identical(const core::Grid& a, const core::Grid& b) {
  return a.dims == b.dims && a.affine == b.affine;  // exact: results never depend on call order
}

struct CacheEntry {
  core::Grid grid;
  std::once_flag computed;
  std::shared_ptr<const RoiMap> map;
};

}  // namespace

struct RegionSet::State {
  detail::PreparedRegions prepared;
  mutable std::mutex cache_mutex;
  mutable std::vector<std::shared_ptr<CacheEntry>> cache;
  mutable std::atomic<std::size_t> maps_built{0};
};

RegionSet::RegionSet(std::vector<RegionDefinition> definitions)
    : state_(std::make_unique<State>()) {
  state_->prepared = detail::prepare_regions(std::move(definitions));
}

RegionSet::~RegionSet() = default;
RegionSet::RegionSet(RegionSet&&) noexcept = default;
RegionSet& RegionSet::operator=(RegionSet&&) noexcept = default;

const std::vector<RegionDefinition>& RegionSet::definitions() const {
  return state_->prepared.definitions;
}

std::vector<std::string> RegionSet::names() const {
  std::vector<std::string> out;
  for (const auto& d : state_->prepared.definitions) out.push_back(d.name);
  return out;
}

std::shared_ptr<const RoiMap> RegionSet::map_to_grid(const core::Grid& grid) const {
  std::shared_ptr<CacheEntry> entry;
  {
    std::lock_guard lock(state_->cache_mutex);
    for (const auto& e : state_->cache) {
      if (identical(e->grid, grid)) entry = e;
    }
    if (!entry) {
      entry = std::make_shared<CacheEntry>();
      entry->grid = grid;
      state_->cache.push_back(entry);
    }
  }
  // Outside the lock: other grids proceed; callers for this grid wait here for the one result.
  std::call_once(entry->computed, [&] {
    entry->map = std::make_shared<const RoiMap>(detail::build_roi_map(state_->prepared, grid));
    ++state_->maps_built;
  });
  return entry->map;
}

std::size_t RegionSet::cached_grid_count() const { return state_->maps_built.load(); }

const std::string& RegionSet::provenance_hash() const { return state_->prepared.provenance_hash; }

const std::map<std::string, std::string>& RegionSet::file_hashes() const {
  return state_->prepared.file_hashes;
}

}  // namespace acuroi::roi
