// The `measures:` section: which measures to compute and their options (the measures module's
// AlffOptions, ReHoOptions, signal_stats' sd_ddof, with the same defaults).
#include "config_schema.hpp"

#include <algorithm>

namespace acuroi::config::detail {

namespace {
std::string measure_name_problem(const std::string& name) {
  for (const char* allowed : kMeasureNames)
    if (name == allowed) return std::string();
  std::string list;
  for (const char* allowed : kMeasureNames)
    list += (list.empty() ? "" : ", ") + std::string(allowed);
  return "not an allowed value, expected one of: " + list;
}

std::string band_problem(const std::vector<double>& band) {
  return band[0] < band[1] ? std::string() : "the band's low edge must be below its high edge";
}

std::string neighbourhood_problem(const int& voxels) {
  return voxels == 7 || voxels == 19 || voxels == 27
             ? std::string()
             : "not an allowed value, expected one of: 7, 19, 27";
}
const EnumNames<TaskDrift>& task_drift_names() {
  static const EnumNames<TaskDrift> names = {
      {"cosine", TaskDrift::cosine}, {"polynomial", TaskDrift::polynomial}, {"none", TaskDrift::none}};
  return names;
}

const EnumNames<TaskNoiseModel>& task_noise_model_names() {
  static const EnumNames<TaskNoiseModel> names = {{"ols", TaskNoiseModel::ols},
                                                  {"ar1", TaskNoiseModel::ar1}};
  return names;
}

std::string contrast_problem(const std::string& expression) {
  return expression.find_first_not_of(" \t") == std::string::npos ? "must not be empty"
                                                                   : std::string();
}
}  // namespace

void declare_measures_section(ConfigSection& root) {
  auto m = root.section("measures", &Config::measures,
                        "Measures computed per ROI and run, and their options.");
  m.field("compute", &MeasureSettings::compute, {"mean", "tsnr", "alff", "falff", "reho", "fc"},
          "measures to compute")
      .unique_items()
      .each("one of: mean, sd, tsnr, alff, falff, malff, reho, fc, gm_volume, task_glm",
            measure_name_problem);
  m.field("alff_band_hz", &MeasureSettings::alff_band_hz, {0.01, 0.08},
          "frequency band [low, high] of ALFF and fALFF")
      .items(2, 2)
      .check("increasing", band_problem);
  m.field("reho_neighbourhood", &MeasureSettings::reho_neighbourhood, 27,
          "ReHo neighbourhood in voxels: 7 faces, 19 faces and edges, 27 the whole cube")
      .check("one of: 7, 19, 27", neighbourhood_problem);
  m.field("fc_partial", &MeasureSettings::fc_partial, false,
          "also compute partial correlations between ROIs");
  m.field("sd_ddof", &MeasureSettings::sd_ddof, 1,
          "delta degrees of freedom of SD and tSNR: 1 = sample SD (AFNI), 0 = population (nipype)")
      .range(0, 1);
  m.field("task_contrasts", &MeasureSettings::task_contrasts, {},
          "task GLM contrasts over trial_type names, e.g. \"pain - touch\" (each condition is "
          "also reported alone)")
      .unique_items()
      .each("a linear expression such as \"pain - touch\"", contrast_problem);
  m.field("task_hrf_derivative", &MeasureSettings::task_hrf_derivative, false,
          "add the canonical HRF's temporal derivative for every condition");
  m.choice("task_drift", &MeasureSettings::task_drift, TaskDrift::cosine, task_drift_names(),
           "task GLM drift model: cosine (SPM/nilearn high-pass), polynomial or none");
  m.field("task_high_pass_seconds", &MeasureSettings::task_high_pass_seconds, 128.0,
          "period in seconds of the slowest cosine drift regressor (cosine drift)")
      .greater_than(0.0);
  m.field("task_polynomial_order", &MeasureSettings::task_polynomial_order, 1,
          "order of the polynomial drift (polynomial drift)")
      .range(1, 5);
  m.choice("task_noise_model", &MeasureSettings::task_noise_model, TaskNoiseModel::ar1,
           task_noise_model_names(), "task GLM noise model: ar1 (prewhitened, nilearn) or ols");
}

}  // namespace acuroi::config::detail

namespace acuroi::config {

std::string_view to_string(TaskDrift drift) {
  for (const auto& [name, value] : detail::task_drift_names())
    if (value == drift) return name;
  return "?";
}

std::string_view to_string(TaskNoiseModel model) {
  for (const auto& [name, value] : detail::task_noise_model_names())
    if (value == model) return name;
  return "?";
}

bool computes(const MeasureSettings& settings, std::string_view measure) {
  return std::find(settings.compute.begin(), settings.compute.end(), measure) !=
         settings.compute.end();
}

}  // namespace acuroi::config
