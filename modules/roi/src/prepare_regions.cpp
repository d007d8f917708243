// Validation and loading of region definitions (everything that can fail before a grid is seen).
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <unordered_map>

#include "acuroi/core/error.hpp"
#include "acuroi/core/hash.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/io/nifti.hpp"
#include "label_values.hpp"
#include "prepared_regions.hpp"

namespace acuroi::roi::detail {

namespace {

[[noreturn]] void definition_error(const std::string& region, const std::string& key,
                                   const std::string& value, const std::string& problem) {
  throw core::ConfigError("regions", 0, 0, region + "." + key, value, problem);
}

void load_image(PreparedRegions& p, const std::filesystem::path& path) {
  const std::string key = path.string();
  if (p.images.count(key)) return;
  p.images.emplace(key, io::read_nifti_volume(path));
  p.file_hashes[key] = core::sha256_file(path);
}

void load_table(PreparedRegions& p, const std::filesystem::path& path) {
  const std::string key = path.string();
  if (p.tables.count(key)) return;
  p.tables.emplace(key, read_label_table(path));
  p.file_hashes[key] = core::sha256_file(path);
}

std::vector<std::int32_t> resolve_labels(PreparedRegions& p, const std::string& region,
                                         const AtlasLabelRegion& atlas) {
  if (atlas.atlas_image.empty())
    definition_error(region, "atlas_image", "", "no atlas image given");
  if (atlas.label_names.empty() && atlas.label_values.empty()) {
    definition_error(region, "labels", "", "no label names or values selected");
  }
  load_image(p, atlas.atlas_image);
  std::vector<std::int32_t> values = atlas.label_values;
  if (!atlas.label_names.empty()) {
    if (atlas.label_table.empty()) {
      definition_error(region, "labels", atlas.label_names.front(),
                       "label names need a label table (or select labels by value)");
    }
    load_table(p, atlas.label_table);
    const LabelTable& table = p.tables.at(atlas.label_table.string());
    for (const std::string& name : atlas.label_names) {
      const auto value = table.value_of(name);
      if (!value) {
        throw core::InputError(atlas.label_table.string(), "name", name,
                               "label not found in the label table (region '" + region + "', " +
                                   std::to_string(table.entries().size()) + " labels listed)");
      }
      values.push_back(*value);
    }
  } else if (!atlas.label_table.empty()) {
    load_table(p, atlas.label_table);
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  if (std::binary_search(values.begin(), values.end(), 0)) {
    definition_error(region, "labels", "0", "label 0 is the background and cannot be an ROI");
  }
  return values;
}

// Depth-first order of the union graph; a cycle is a definition error.
void order_unions(PreparedRegions& p) {
  const std::size_t n = p.definitions.size();
  std::vector<int> state(n, 0);  // 0 new, 1 in progress, 2 done
  std::function<void(std::size_t)> visit = [&](std::size_t d) {
    if (state[d] == 2) return;
    if (state[d] == 1) {
      definition_error(p.definitions[d].name, "union", p.definitions[d].name,
                       "regions form a cycle of unions");
    }
    state[d] = 1;
    for (std::size_t m : p.union_members[d]) visit(m);
    state[d] = 2;
    p.evaluation_order.push_back(d);
  };
  for (std::size_t d = 0; d < n; ++d) visit(d);
}

void resolve_definition(PreparedRegions& p, std::size_t d,
                        const std::unordered_map<std::string, std::size_t>& index_of_name) {
  const RegionDefinition& def = p.definitions[d];
  if (const auto* atlas = std::get_if<AtlasLabelRegion>(&def.shape)) {
    p.label_values[d] = resolve_labels(p, def.name, *atlas);
  } else if (const auto* sphere = std::get_if<SphereRegion>(&def.shape)) {
    if (!std::isfinite(sphere->radius_mm) || sphere->radius_mm <= 0) {
      definition_error(def.name, "radius_mm", std::to_string(sphere->radius_mm),
                       "sphere radius must be a positive number of millimetres");
    }
    if (!sphere->centre_mm.allFinite()) {
      definition_error(def.name, "centre_mm", "", "sphere centre must be finite");
    }
  } else if (const auto* mask = std::get_if<MaskRegion>(&def.shape)) {
    if (mask->mask_image.empty())
      definition_error(def.name, "mask_image", "", "no mask image given");
    load_image(p, mask->mask_image);
  } else if (const auto* u = std::get_if<UnionRegion>(&def.shape)) {
    if (u->region_names.empty()) definition_error(def.name, "union", "", "union of no regions");
    for (const std::string& member : u->region_names) {
      const auto found = index_of_name.find(member);
      if (found == index_of_name.end()) {
        definition_error(def.name, "union", member, "no region of that name is defined");
      }
      p.union_members[d].push_back(found->second);
    }
  }
}

// Files enter the hash by content, not by path, so moving an atlas does not change the hash.
// An atlas value its table does not list would give no ROI from atlas_label_regions(): say so
// (once per atlas and table) rather than let it disappear silently.
void warn_about_unlisted_values(const PreparedRegions& p) {
  std::set<std::pair<std::string, std::string>> checked;
  for (const RegionDefinition& def : p.definitions) {
    const auto* atlas = std::get_if<AtlasLabelRegion>(&def.shape);
    if (!atlas || atlas->label_table.empty()) continue;
    if (!checked.emplace(atlas->atlas_image.string(), atlas->label_table.string()).second) continue;
    const LabelTable& table = p.tables.at(atlas->label_table.string());
    std::string unlisted;
    std::size_t count = 0;
    for (std::int32_t value : distinct_nonzero_labels(p.images.at(atlas->atlas_image.string()))) {
      if (table.lists(value)) continue;
      if (count++ > 0) unlisted += ',';
      unlisted += std::to_string(value);
    }
    if (count > 0) {
      core::log_warning(atlas->atlas_image.string(), ": ", count,
                        " label value(s) in the image are ", "not listed in ",
                        atlas->label_table.string(), ": ", unlisted);
    }
  }
}

std::string hash_everything(const PreparedRegions& p) {
  const auto content = [&p](const std::filesystem::path& path) -> std::filesystem::path {
    if (path.empty()) return path;
    return std::filesystem::path("sha256:" + p.file_hashes.at(path.string()));
  };
  core::Sha256 hash;
  for (RegionDefinition def : p.definitions) {
    if (auto* atlas = std::get_if<AtlasLabelRegion>(&def.shape)) {
      atlas->atlas_image = content(atlas->atlas_image);
      atlas->label_table = content(atlas->label_table);
    } else if (auto* mask = std::get_if<MaskRegion>(&def.shape)) {
      mask->mask_image = content(mask->mask_image);
    }
    hash.update(describe_region(def) + "\n");
  }
  return hash.hex_digest();
}

}  // namespace

PreparedRegions prepare_regions(std::vector<RegionDefinition> definitions) {
  PreparedRegions p;
  p.definitions = std::move(definitions);
  const std::size_t n = p.definitions.size();
  p.label_values.resize(n);
  p.union_members.resize(n);
  std::unordered_map<std::string, std::size_t> index_of_name;
  for (std::size_t d = 0; d < n; ++d) {
    const std::string& name = p.definitions[d].name;
    if (name.empty()) definition_error("region " + std::to_string(d + 1), "name", "", "empty name");
    if (!index_of_name.emplace(name, d).second) {
      definition_error(name, "name", name, "two regions have the same name");
    }
  }
  for (std::size_t d = 0; d < n; ++d) resolve_definition(p, d, index_of_name);
  order_unions(p);
  warn_about_unlisted_values(p);
  p.provenance_hash = hash_everything(p);
  return p;
}

}  // namespace acuroi::roi::detail
