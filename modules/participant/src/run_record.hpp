// Private: one run's files → its RunRecord (ROI time series, coverage, grid, TR).
#pragma once
#include "acuroi/io/dataset.hpp"
#include "acuroi/participant/study_inputs.hpp"
#include "acuroi/store/participant_record.hpp"

namespace acuroi::participant {

store::RunRecord extract_run(const StudyInputs& study, const std::string& session,
                             const io::RunFiles& files);

// Size and SHA-256 of an input file, for provenance.
store::InputFile describe_input(const std::string& role, const std::filesystem::path& path);

}  // namespace acuroi::participant
