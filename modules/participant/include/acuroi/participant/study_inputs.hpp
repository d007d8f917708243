// The inputs of a study as a config describes them: the dataset it points at (discovered once)
// and its region set (atlases, tables and masks loaded once, mapped once per grid).
//
//   StudyInputs study = load_study_inputs(config, {"01", "02"});
//   for (const auto& p : study.dataset.participants) ...;
//   auto rois = study.regions.map_to_grid(grid);
#pragma once
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/io/dataset.hpp"
#include "acuroi/roi/roi_map.hpp"

namespace acuroi::participant {

// The dataset part of a config, restricted to `labels` when given (else participants.include),
// with participants.exclude left out.
io::DatasetSpec dataset_spec(const config::Config& config, const std::vector<std::string>& labels = {});

// The config's regions as ROI definitions, in output order.
std::vector<roi::RegionDefinition> region_definitions(const config::RoiSettings& rois);

struct StudyInputs {
  config::Config config;
  std::string config_yaml;    // resolved_yaml(config)
  std::string config_sha256;  // config_hash(config)
  io::Dataset dataset;
  roi::RegionSet regions;
};

StudyInputs load_study_inputs(const config::Config& config, const std::vector<std::string>& labels = {});

}  // namespace acuroi::participant
