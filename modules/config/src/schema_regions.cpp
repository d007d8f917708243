// One region record: exactly one of labels, sphere, mask, union; plus name and description.
#include <algorithm>
#include <cctype>

#include "region_schema.hpp"

namespace acuroi::config::detail {

namespace {
std::string region_name_problem(const std::string& name) {
  if (name.empty()) return "must not be empty";
  const bool valid = std::isalnum(static_cast<unsigned char>(name.front())) &&
                     std::all_of(name.begin(), name.end(), [](unsigned char c) {
                       return std::isalnum(c) || c == '_' || c == '-' || c == '.';
                     });
  return valid ? std::string()
               : "a region name starts with a letter or digit and has only letters, digits, "
                 "'_', '-' and '.'";
}

std::string record_key(const RecordSite& site) {
  return site.prefix.empty() ? std::string() : site.prefix.substr(0, site.prefix.size() - 1);
}

void check_region(RegionSpec& region, const RecordSite& site) {
  std::vector<std::string> kinds;
  for (const char* k : {"labels", "sphere", "mask", "union"})
    if (site.has(k)) kinds.emplace_back(k);
  if (kinds.size() != 1) {
    std::string has = kinds.empty() ? "none of them" : kinds[0];
    for (std::size_t i = 1; i < kinds.size(); ++i)
      has += (i + 1 == kinds.size() ? " and " : ", ") + kinds[i];
    fail(Site{site.context, record_key(site), site.mark}, region.name,
         "a region is exactly one of labels, sphere, mask or union; this one has " + has);
  }
  const std::string& kind = kinds[0];
  region.kind = kind == "labels"   ? RegionKind::labels
                : kind == "sphere" ? RegionKind::sphere
                : kind == "mask"   ? RegionKind::mask
                                   : RegionKind::union_of;
  for (const char* k : {"atlas", "label_table"})
    if (site.has(k) && region.kind != RegionKind::labels)
      fail(site.at(k), "", std::string("only label regions take '") + k + "'");
  if (region.kind == RegionKind::labels && region.labels.empty())
    fail(site.at("labels"), "[]", "a label region lists at least one label");
  if (region.kind == RegionKind::union_of && region.union_of.empty())
    fail(site.at("union"), "[]", "a union lists at least one region");
  if (region.kind == RegionKind::mask && region.mask.empty())
    fail(site.at("mask"), "", "must not be empty");
  if (region.kind == RegionKind::labels && region.label_table.empty() &&
      region.atlas == kAalAtlasPath)
    region.label_table = kAalLabelTablePath;
  const bool has_mark = !site.mark.is_null();
  region.origin = {site.context->file, has_mark ? site.mark.line + 1 : 0,
                   has_mark ? site.mark.column + 1 : 0, record_key(site)};
}

RecordSchema build_region_schema() {
  RecordSchema s;
  Section<RegionSpec, RegionSpec> r(s, "", [](RegionSpec& x) -> RegionSpec& { return x; });
  r.field("name", &RegionSpec::name, "",
          "unique region name; names the region's column and datasets in outputs")
      .require("ACC")
      .check("", region_name_problem);
  r.field("description", &RegionSpec::description, "",
          "one line: what the region is and why it is in the set");
  r.field("labels", &RegionSpec::labels, {},
          "atlas labels making the region: names in the label table, or integer values");
  r.field("atlas", &RegionSpec::atlas, {}, "label image for this region instead of rois.atlas")
      .alias("aal", kAalAtlasPath);
  r.field("label_table", &RegionSpec::label_table, {},
          "label table for this region's atlas (default: AAL's for 'aal', else none)");
  auto sphere = r.section("sphere", &RegionSpec::sphere,
                          "a ball: voxels whose centres lie within radius_mm of center_mm", true);
  sphere
      .field("center_mm", &SphereSpec::center_mm, {0, 0, 0},
             "centre x, y, z in world (RAS, MNI) millimetres")
      .require("[0.0, -52.0, 26.0]");
  sphere.field("radius_mm", &SphereSpec::radius_mm, 0.0, "radius in millimetres")
      .require("8.0")
      .greater_than(0);
  r.field("mask", &RegionSpec::mask, {}, "mask image: the region is its nonzero voxels");
  r.field("union", &RegionSpec::union_of, {},
          "names of other regions (before or after this one) whose voxels it combines")
      .unique_items();
  r.check(check_region);
  return s;
}
}  // namespace

const RecordSchema& region_schema() {
  static const RecordSchema schema = build_region_schema();
  return schema;
}

}  // namespace acuroi::config::detail
