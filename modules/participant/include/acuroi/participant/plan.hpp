// The plan `acuroi validate` prints before anything runs: which participants, sessions and runs
// will be processed, on which grids, how many voxels each ROI covers there, and the estimated
// memory and time. Reads NIfTI headers only (and maps the ROIs once per distinct grid).
//
//   StudyInputs study = load_study_inputs(config);
//   Plan plan = make_plan(study);
//   std::cout << describe_plan(study, plan);
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "acuroi/core/grid.hpp"
#include "acuroi/participant/study_inputs.hpp"

namespace acuroi::participant {

struct PlannedGrid {
  core::Grid grid;
  int run_count = 0;
  std::vector<std::int64_t> roi_voxel_counts;  // ROI order
};

struct PlannedParticipant {
  std::string label, arm;
  int pre_runs = 0, post_runs = 0;
  std::int64_t volumes = 0;
};

struct Plan {
  std::vector<PlannedParticipant> participants;
  std::vector<PlannedGrid> grids;
  std::vector<std::string> problems;       // from the dataset: missing files, sessions, arms
  std::int64_t total_volumes = 0;
  std::int64_t decoded_bytes = 0;          // voxel data to decode over all runs
  std::int64_t peak_memory_bytes = 0;      // estimate for one participant at a time per thread
  double estimated_seconds = 0;            // single thread, from decode throughput
  int threads = 1;
};

Plan make_plan(const StudyInputs& study);
std::string describe_plan(const StudyInputs& study, const Plan& plan);

}  // namespace acuroi::participant
