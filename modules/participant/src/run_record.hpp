// Private: one run's files → its RunRecord (ROI time series, coverage, grid, TR), plus the
// ROI-voxel series the voxelwise measures need and, for mALFF, a sample of brain voxels.
#pragma once
#include <array>
#include <optional>

#include "acuroi/extract/extract.hpp"
#include "acuroi/io/dataset.hpp"
#include "acuroi/participant/study_inputs.hpp"
#include "acuroi/store/participant_record.hpp"

namespace acuroi::participant {

struct ExtractedRun {
  store::RunRecord record;
  std::vector<extract::RoiVoxelSeries> roi_voxels;      // per ROI, when voxels are needed
  std::optional<extract::RoiVoxelSeries> brain_sample;  // mALFF's brain-mean voxels
  std::array<std::int64_t, 3> grid_dims{};
};

struct ExtractionNeeds {
  bool roi_voxels = false;    // ALFF, fALFF, mALFF, ReHo
  bool brain_sample = false;  // mALFF
};

// Which voxel data the config's measures need.
ExtractionNeeds extraction_needs(const config::MeasureSettings& measures);

ExtractedRun extract_run(const StudyInputs& study, const std::string& session,
                         const io::RunFiles& files, const ExtractionNeeds& needs);

// Size and SHA-256 of an input file, for provenance.
store::InputFile describe_input(const std::string& role, const std::filesystem::path& path);

}  // namespace acuroi::participant
