// Private: the ROI-level task GLM of one run (measure `task_glm`): design from the run's
// `*_events.tsv` (SPM canonical HRF, drift and the run's confounds), fitted on the kept volumes of
// the raw ROI series (OLS or AR(1) as the config says). Rows per condition c:
// task_beta.c, task_se.c, task_t.c, task_psc.c; per contrast k: task_contrast.k,
// task_contrast_se.k, task_contrast_t.k. Stores the design in `task/` of the run.
#pragma once
#include <string>
#include <vector>

#include "acuroi/io/dataset.hpp"
#include "run_measures.hpp"

namespace acuroi::participant {

// Reads the events (onset, duration, trial_type; amplitude or modulation optional). A run without
// an events file gives no rows and a warning; events after the run's end are dropped with a
// warning. Throws core::InputError naming the events file for a missing column, a bad value or
// a contrast naming a condition the events do not have.
store::MeasureTable task_measures(const RunMeasureInputs& in, const io::RunFiles& files,
                                  store::RunRecord& run, std::vector<std::string>& warnings);

}  // namespace acuroi::participant
