#include "task_measures.hpp"

#include <cmath>
#include <limits>

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"
#include "acuroi/measures/task_contrast.hpp"
#include "acuroi/measures/task_glm.hpp"

namespace acuroi::participant {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<measures::TaskEvent> read_events(const std::filesystem::path& path) {
  const io::Table table = io::read_table(path);
  for (const char* column : {"onset", "duration", "trial_type"})
    if (!table.has_column(column))
      throw core::InputError(path.string(), column, "", "the events file has no such column");
  const auto onset = table.column_index("onset"), duration = table.column_index("duration"),
             type = table.column_index("trial_type");
  const auto amplitude = table.has_column("amplitude") ? table.find_column("amplitude")
                                                       : table.find_column("modulation");
  std::vector<measures::TaskEvent> events;
  for (std::size_t row = 0; row < table.row_count(); ++row) {
    if (io::is_missing_value(table.cell(row, type))) continue;
    measures::TaskEvent e;
    e.onset_seconds = table.number(row, onset);
    e.duration_seconds = table.number(row, duration);
    e.trial_type = std::string(table.cell(row, type));
    if (amplitude && !io::is_missing_value(table.cell(row, *amplitude))) e.amplitude = table.number(row, *amplitude);
    events.push_back(std::move(e));
  }
  return events;
}

measures::DesignOptions design_options(const config::MeasureSettings& s, const store::RunRecord& run) {
  measures::DesignOptions o;
  o.repetition_time_seconds = run.tr_seconds;
  o.volume_count = run.volume_count;
  o.temporal_derivative = s.task_hrf_derivative;
  o.drift = s.task_drift == config::TaskDrift::cosine       ? measures::DriftModel::cosine
            : s.task_drift == config::TaskDrift::polynomial ? measures::DriftModel::polynomial
                                                            : measures::DriftModel::none;
  o.high_pass_seconds = s.task_high_pass_seconds;
  o.polynomial_order = s.task_polynomial_order;
  return o;
}

Eigen::MatrixXd rows_of(const Eigen::MatrixXd& m, const std::vector<Eigen::Index>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), m.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = m.row(rows[i]);
  return out;
}

struct Contrast {
  std::string name;
  Eigen::VectorXd vector;
};

}  // namespace

store::MeasureTable task_measures(const RunMeasureInputs& in, const io::RunFiles& files,
                                  store::RunRecord& run, std::vector<std::string>& warnings) {
  store::MeasureTable table;
  if (!config::computes(in.settings, "task_glm")) return table;
  if (!files.events) {
    warnings.push_back("task_glm: no *_events.tsv for " + files.stem + "; no task measures");
    return table;
  }
  const auto& d = in.denoised;
  const auto design = measures::build_task_design(read_events(*files.events), design_options(in.settings, run),
                                                  d.confounds.values, d.confounds.names);
  for (const auto& w : design.warnings) warnings.push_back(files.events->filename().string() + ": " + w);
  if (!design.warnings.empty()) {
    std::string joined;
    for (const auto& w : design.warnings) joined += (joined.empty() ? "" : "; ") + w;
    run.attributes["task_warnings"] = joined;
  }
  run.arrays["task/design"] = store::matrix_array(design.matrix);
  run.arrays["task/design_columns"] = store::vector_array(design.column_names);
  std::vector<Contrast> contrasts;
  for (const auto& expression : in.settings.task_contrasts) {
    try {
      contrasts.push_back({expression, measures::contrast_vector(
                                           measures::contrast_weights(expression, design.conditions), design)});
    } catch (const core::InputError& e) {
      throw core::InputError(files.events->string(), "measures.task_contrasts", expression,
                             e.what());
    }
  }
  const auto& kept = d.censor.kept_indices;
  const Eigen::MatrixXd X = rows_of(design.matrix, kept);
  const std::int64_t volumes = d.excluded() ? 0 : static_cast<std::int64_t>(kept.size());
  measures::GlmOptions options;
  options.ar1 = in.settings.task_noise_model == config::TaskNoiseModel::ar1;
  std::vector<double> rho(in.rois.size(), kNaN);
  for (std::size_t r = 0; r < in.rois.size(); ++r) {
    std::string status = d.excluded() ? "run excluded: " + d.exclusion_reason() : run.roi_status[r];
    auto add = [&](const std::string& measure, double value) {
      table.add({measure, in.rois[r].name, status.empty() ? value : kNaN,
                 status.empty() && !std::isfinite(value) ? "not finite" : status, 1, volumes});
    };
    std::vector<measures::ConditionEstimate> conditions;
    std::vector<measures::ContrastEstimate> estimates(contrasts.size(), {kNaN, kNaN, kNaN});
    if (status.empty()) {
      const Eigen::VectorXd y = rows_of(run.time_series.col(static_cast<Eigen::Index>(r)), kept);
      try {
        const auto fit = measures::fit_glm(y, X, options);
        rho[r] = fit.ar1_rho;
        conditions = measures::condition_estimates(fit, design);
        for (std::size_t k = 0; k < contrasts.size(); ++k)
          estimates[k] = measures::estimate_contrast(fit, contrasts[k].vector);
      } catch (const core::InputError& e) {  // e.g. more regressors than kept volumes
        status = std::string("task GLM not estimable: ") + e.what();
      }
    }
    if (!status.empty()) {
      for (const auto& c : design.conditions) conditions.push_back({c, kNaN, kNaN, kNaN, kNaN});
    }
    for (const auto& c : conditions) {
      add("task_beta." + c.condition, c.beta);
      add("task_se." + c.condition, c.standard_error);
      add("task_t." + c.condition, c.t);
      add("task_psc." + c.condition, c.percent_signal_change);
    }
    for (std::size_t k = 0; k < contrasts.size(); ++k) {
      add("task_contrast." + contrasts[k].name, estimates[k].estimate);
      add("task_contrast_se." + contrasts[k].name, estimates[k].standard_error);
      add("task_contrast_t." + contrasts[k].name, estimates[k].t);
    }
  }
  if (options.ar1) run.arrays["task/ar1_rho"] = store::vector_array(rho);
  return table;
}

}  // namespace acuroi::participant
