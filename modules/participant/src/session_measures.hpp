// Private: one session's measure table — the runs' tables combined — and its structural rows.
//
// Combination (measures/combine_runs.hpp): every measure is the mean over runs weighted by the
// volumes kept, skipping runs without a value (connectivity is combined in Fisher z), except the
// task estimates, which are combined with fixed effects (inverse-variance weights,
// measures/fixed_effects.hpp): task_beta.c with task_se.c, task_contrast.k with
// task_contrast_se.k; task_t.c and task_contrast_t.k are then the combined estimate / SE.
#pragma once
#include <vector>

#include "acuroi/io/dataset.hpp"
#include "acuroi/participant/study_inputs.hpp"
#include "acuroi/store/measure_table.hpp"

namespace acuroi::participant {

store::MeasureTable combine_run_tables(const std::vector<store::MeasureTable>& runs);

// gm_volume_ml and gm_probability per ROI and total_gm_ml ("brain") from the GM probability map
// (the session's anat, else the participant's). No map: the rows are NaN with the reason.
// Returns the input files used (for provenance) through `used`.
store::MeasureTable grey_matter_rows(const StudyInputs& study, const io::AnatFiles& anat,
                                     std::vector<std::filesystem::path>& used);

}  // namespace acuroi::participant
