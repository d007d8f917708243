// The `rois:` section: atlas, label table, preset, regions, coverage threshold, reduction.
#include "config_schema.hpp"
#include "region_schema.hpp"

namespace acuroi::config::detail {

namespace {
// Fills the AAL table, reads the preset, merges, and checks the whole set.
void resolve_region_set(Config& config, const RecordSite& site) {
  RoiSettings& rois = config.rois;
  if (rois.labels.empty() && rois.atlas == kAalAtlasPath) rois.labels = kAalLabelTablePath;
  check_unique_names(rois.regions);
  std::vector<RegionSpec> preset;
  if (!rois.preset.empty()) preset = load_preset(rois.preset, site.at("rois.preset"));
  rois.regions = merge_regions(std::move(preset), rois.regions);
  check_unions(rois.regions);
}
}  // namespace

const EnumNames<RoiStrategy>& roi_strategy_names() {
  static const EnumNames<RoiStrategy> names = {
      {"mean", RoiStrategy::mean}, {"median", RoiStrategy::median}, {"std", RoiStrategy::std},
      {"var", RoiStrategy::var},   {"sum", RoiStrategy::sum},       {"min", RoiStrategy::min},
      {"max", RoiStrategy::max}};
  return names;
}

void declare_rois_section(ConfigSection& root) {
  auto rois = root.section("rois", &Config::rois,
                           "Regions of interest: the atlas, the region set (in output order) and "
                           "how an ROI's voxels reduce to one value.");
  rois.field("atlas", &RoiSettings::atlas, "aal",
             "label image that label regions refer to (AAL, or any integer label image)")
      .alias("aal", kAalAtlasPath);
  rois.field("labels", &RoiSettings::labels, "",
             "label table of the atlas: BIDS dseg.tsv (index, name) or mricron .txt; empty = "
             "AAL's own table when the atlas is 'aal', else none (values only)");
  rois.field("preset", &RoiSettings::preset, "",
             "YAML file with a `regions:` list whose regions come first, e.g. pain-network.yaml");
  rois.records("regions", &RoiSettings::regions, region_schema(),
               "the config's own regions, after the preset's; one with a preset region's name "
               "replaces it")
      .note("Examples (each region is exactly one of labels, sphere, mask, union):")
      .note(
          "  - {name: ACC, labels: [Cingulum_Ant_L, Cingulum_Ant_R], "
          "description: \"affective pain processing\"}")
      .note("  - {name: PCC_sphere, sphere: {center_mm: [0, -52, 26], radius_mm: 8}}")
      .note("  - {name: lesion, mask: masks/lesion.nii.gz}")
      .note("  - {name: ACC_and_PCC, union: [ACC, PCC_sphere]}");
  rois.field("min_coverage", &RoiSettings::min_coverage, 0.5,
             "fraction of an ROI's voxels inside the brain mask with finite data below which its "
             "values are NaN")
      .range(0.0, 1.0);
  rois.choice("strategy", &RoiSettings::strategy, RoiStrategy::mean, roi_strategy_names(),
              "how an ROI's voxel values reduce to one value per volume (as nilearn's maskers)");
  rois.check(resolve_region_set);
}

}  // namespace acuroi::config::detail

namespace acuroi::config {

std::string_view to_string(RoiStrategy strategy) {
  for (const auto& [name, value] : detail::roi_strategy_names())
    if (value == strategy) return name;
  return "?";
}

std::string_view to_string(RegionKind kind) {
  switch (kind) {
    case RegionKind::labels:
      return "labels";
    case RegionKind::sphere:
      return "sphere";
    case RegionKind::mask:
      return "mask";
    case RegionKind::union_of:
      return "union";
  }
  return "?";
}

std::filesystem::path region_atlas(const RoiSettings& rois, const RegionSpec& region) {
  return region.atlas.empty() ? rois.atlas : region.atlas;
}

std::filesystem::path region_label_table(const RoiSettings& rois, const RegionSpec& region) {
  return region.atlas.empty() ? rois.labels : region.label_table;
}

}  // namespace acuroi::config
