// A region set as a whole: presets, merging, unique names, union members and cycles.
#include <algorithm>
#include <map>

#include "acuroi/core/error.hpp"
#include "region_schema.hpp"
#include "yaml_document.hpp"

namespace acuroi::config::detail {

namespace {
struct PresetFile {
  std::string description;
  std::vector<RegionSpec> regions;
};

const RecordSchema& preset_schema() {
  static const RecordSchema schema = [] {
    RecordSchema s;
    Section<PresetFile, PresetFile> root(s, "", [](PresetFile& p) -> PresetFile& { return p; });
    root.field("description", &PresetFile::description, "", "what the region set is for");
    root.records("regions", &PresetFile::regions, region_schema(), "the regions, in output order")
        .require("[]");
    return s;
  }();
  return schema;
}

[[noreturn]] void fail_at(const Origin& origin, const std::string& suffix, const std::string& value,
                          const std::string& problem) {
  throw core::ConfigError(origin.file.string(), origin.line, origin.column, origin.key + suffix,
                          value, problem);
}

std::string name_list(const std::vector<RegionSpec>& regions) {
  std::string text;
  for (const auto& r : regions) text += (text.empty() ? "" : ", ") + r.name;
  return text;
}

// Depth-first search for a union cycle through `name`; `path` holds the names on the way.
bool find_cycle(const std::map<std::string, const RegionSpec*>& by_name, const std::string& name,
                std::vector<std::string>& path, std::map<std::string, int>& state) {
  state[name] = 1;  // on the current path
  path.push_back(name);
  for (const auto& member : by_name.at(name)->union_of) {
    if (state[member] == 1) {
      path.push_back(member);
      return true;
    }
    if (state[member] == 0 && find_cycle(by_name, member, path, state)) return true;
  }
  path.pop_back();
  state[name] = 2;  // done, no cycle through it
  return false;
}
}  // namespace

std::vector<RegionSpec> load_preset(const std::filesystem::path& preset, const Site& named_at) {
  std::string why;
  const auto text = read_text_file(preset, why);
  if (!text) fail(named_at, preset.string(), "cannot read the preset file: " + why);
  const ParseContext context{preset.string(), preset.parent_path()};
  const YAML::Node document = parse_yaml(*text, context.file);
  PresetFile file;
  parse_record(preset_schema(), &file, document, context, "", document.Mark());
  check_unique_names(file.regions);
  return file.regions;
}

void check_unique_names(const std::vector<RegionSpec>& regions) {
  std::map<std::string, const RegionSpec*> first;
  for (const auto& r : regions) {
    const auto [it, inserted] = first.emplace(r.name, &r);
    if (!inserted)
      fail_at(
          r.origin, ".name", r.name,
          "duplicate region name (also at line " + std::to_string(it->second->origin.line) + ")");
  }
}

std::vector<RegionSpec> merge_regions(std::vector<RegionSpec> preset,
                                      const std::vector<RegionSpec>& own) {
  for (const auto& region : own) {
    auto same = std::find_if(preset.begin(), preset.end(),
                             [&](const RegionSpec& p) { return p.name == region.name; });
    if (same != preset.end())
      *same = region;
    else
      preset.push_back(region);
  }
  return preset;
}

void check_unions(const std::vector<RegionSpec>& regions) {
  std::map<std::string, const RegionSpec*> by_name;
  for (const auto& r : regions) by_name[r.name] = &r;
  for (const auto& r : regions) {
    for (std::size_t i = 0; i < r.union_of.size(); ++i) {
      const std::string& member = r.union_of[i];
      const std::string key = ".union[" + std::to_string(i) + "]";
      if (member == r.name) fail_at(r.origin, key, member, "a union cannot contain itself");
      if (!by_name.count(member))
        fail_at(r.origin, key, member,
                "no region of that name (regions: " + name_list(regions) + ")");
    }
  }
  std::map<std::string, int> state;
  for (const auto& r : regions) {
    std::vector<std::string> path;
    if (state[r.name] != 0 || !find_cycle(by_name, r.name, path, state)) continue;
    // The search may reach the cycle through other unions: print the cycle alone.
    const auto start = std::find(path.begin(), path.end(), path.back());
    std::string cycle;
    for (auto n = start; n != path.end(); ++n) cycle += (cycle.empty() ? "" : " -> ") + *n;
    const RegionSpec& at = *by_name.at(path[path.size() - 2]);  // the union closing the cycle
    fail_at(at.origin, ".union", at.name, "unions form a cycle: " + cycle);
  }
}

}  // namespace acuroi::config::detail
