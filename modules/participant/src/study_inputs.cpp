#include "acuroi/participant/study_inputs.hpp"

#include <algorithm>

#include "acuroi/core/error.hpp"

namespace acuroi::participant {

io::DatasetSpec dataset_spec(const config::Config& config, const std::vector<std::string>& labels) {
  const auto& study = config.study;
  io::DatasetSpec spec;
  spec.root = study.dataset;
  spec.participants_file = study.participants_file;
  spec.arm_column = study.arm_column;
  spec.arms = study.arms;
  spec.pre_session = study.sessions.pre;
  spec.post_session = study.sessions.post;
  spec.task = study.task;
  spec.space = study.space;
  spec.participant_labels = labels.empty() ? config.participants.include : labels;
  return spec;
}

namespace {
roi::RegionShape region_shape(const config::RoiSettings& rois, const config::RegionSpec& r) {
  using config::RegionKind;
  switch (r.kind) {
    case RegionKind::labels:
      return roi::AtlasLabelRegion{config::region_atlas(rois, r), config::region_label_table(rois, r),
                                   r.labels.names, r.labels.values};
    case RegionKind::sphere:
      return roi::SphereRegion{
          Eigen::Vector3d(r.sphere.center_mm[0], r.sphere.center_mm[1], r.sphere.center_mm[2]),
          r.sphere.radius_mm};
    case RegionKind::mask:
      return roi::MaskRegion{r.mask};
    case RegionKind::union_of:
      return roi::UnionRegion{r.union_of};
  }
  return roi::UnionRegion{};
}
}  // namespace

std::vector<roi::RegionDefinition> region_definitions(const config::RoiSettings& rois) {
  std::vector<roi::RegionDefinition> definitions;
  for (const auto& r : rois.regions) definitions.push_back({r.name, region_shape(rois, r)});
  return definitions;
}

StudyInputs load_study_inputs(const config::Config& config, const std::vector<std::string>& labels) {
  if (config.rois.regions.empty())
    throw core::ConfigError(config.origin.file.string(), 0, 0, "rois.regions", "[]",
                            "no ROI defined: give rois.preset (e.g. pain-network.yaml) or rois.regions");
  io::Dataset dataset = io::discover_dataset(dataset_spec(config, labels));
  const auto& excluded = config.participants.exclude;
  std::erase_if(dataset.participants, [&](const io::Participant& p) {
    return std::find(excluded.begin(), excluded.end(), p.label) != excluded.end() ||
           std::find(excluded.begin(), excluded.end(), "sub-" + p.label) != excluded.end();
  });
  return StudyInputs{config, config::resolved_yaml(config), config::config_hash(config),
                     std::move(dataset), roi::RegionSet(region_definitions(config.rois))};
}

}  // namespace acuroi::participant
