// The task-run parts of acuroi_ground_truth.json (private to the simulate module). They are added
// only for task_design block, so a resting-state study's ground truth is unchanged.
#pragma once
#include <nlohmann/json.hpp>

#include "acuroi/simulate/plan.hpp"
#include "acuroi/simulate/settings.hpp"

namespace acuroi::simulate {

// Appends the task units to the "units" object.
void add_task_units(nlohmann::ordered_json& units);
// Adds "task_design", "block_design" to the settings object and "task" to its "effects".
void add_task_settings(nlohmann::ordered_json& settings, const SimulationSettings& s);
// Adds pain_amplitude_log_ratio / _ratio / _change_percent to every ROI of "roi_effects".
void add_task_roi_effects(nlohmann::ordered_json& roi_effects, const SimulationSettings& s);
// {roi: {pain: %, touch: %}}: the planted amplitudes of a session, percent of baseline.
nlohmann::ordered_json task_amplitudes_json(const SessionPlan& session);
// {roi: {pain: %, touch: %}}: the amplitudes relative to the ROI's resting level,
// amplitude / (1 + mean_shift / 100): beta / intercept x 100 of a noise-free ROI-mean GLM.
nlohmann::ordered_json task_response_psc_json(const SessionPlan& session);

}  // namespace acuroi::simulate
