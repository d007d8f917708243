#include "acuroi/roi/region.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "acuroi/io/nifti.hpp"
#include "acuroi/roi/label_table.hpp"
#include "label_values.hpp"

namespace acuroi::roi {

namespace {

std::string exact(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

template <class T>
std::string joined(const std::vector<T>& items) {
  std::ostringstream s;
  for (std::size_t i = 0; i < items.size(); ++i) s << (i ? "," : "") << items[i];
  return s.str();
}

}  // namespace

std::vector<RegionDefinition> atlas_label_regions(const std::filesystem::path& atlas_image,
                                                  const std::filesystem::path& label_table) {
  std::vector<RegionDefinition> regions;
  if (label_table.empty()) {
    for (std::int32_t value : detail::distinct_nonzero_labels(io::read_nifti_volume(atlas_image))) {
      regions.push_back({std::to_string(value), AtlasLabelRegion{atlas_image, {}, {}, {value}}});
    }
    return regions;
  }
  // The image is not read here: RegionSet reads it once and warns about unlisted values.
  const LabelTable table = read_label_table(label_table);
  for (const LabelEntry& entry : table.entries()) {
    if (entry.value == 0) continue;  // background
    regions.push_back({entry.name, AtlasLabelRegion{atlas_image, label_table, {}, {entry.value}}});
  }
  return regions;
}

std::string describe_region(const RegionDefinition& definition) {
  std::ostringstream s;
  s << "name=" << definition.name << ";";
  std::visit(
      [&s](const auto& shape) {
        using T = std::decay_t<decltype(shape)>;
        if constexpr (std::is_same_v<T, AtlasLabelRegion>) {
          s << "atlas_labels;image=" << shape.atlas_image.string()
            << ";table=" << shape.label_table.string() << ";names=" << joined(shape.label_names)
            << ";values=" << joined(shape.label_values);
        } else if constexpr (std::is_same_v<T, SphereRegion>) {
          s << "sphere;centre_mm=" << exact(shape.centre_mm.x()) << ","
            << exact(shape.centre_mm.y()) << "," << exact(shape.centre_mm.z())
            << ";radius_mm=" << exact(shape.radius_mm);
        } else if constexpr (std::is_same_v<T, MaskRegion>) {
          s << "mask;image=" << shape.mask_image.string();
        } else {
          s << "union;of=" << joined(shape.region_names);
        }
      },
      definition.shape);
  return s.str();
}

}  // namespace acuroi::roi
