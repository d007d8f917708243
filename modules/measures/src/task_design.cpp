#include "acuroi/measures/task_design.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "acuroi/core/error.hpp"
#include "acuroi/measures/hrf.hpp"

namespace acuroi::measures {
namespace {

void check_options(const DesignOptions& options) {
  if (!(options.repetition_time_seconds > 0.0)) {
    throw core::InputError("(task design)", "repetition_time_seconds",
                           std::to_string(options.repetition_time_seconds), "must be positive");
  }
  if (options.volume_count < 2) {
    throw core::InputError("(task design)", "volume_count", std::to_string(options.volume_count),
                           "must be at least 2");
  }
  if (options.oversampling < 1) {
    throw core::InputError("(task design)", "oversampling", std::to_string(options.oversampling),
                           "must be at least 1");
  }
}

void check_event(const TaskEvent& event, std::size_t row) {
  const std::string where = "event " + std::to_string(row) + " (" + event.trial_type + ")";
  if (!std::isfinite(event.onset_seconds) || event.onset_seconds < 0.0) {
    throw core::InputError("(events)", where + " onset", std::to_string(event.onset_seconds),
                           "must be finite and >= 0 (the run starts at 0 s)");
  }
  if (!std::isfinite(event.duration_seconds) || event.duration_seconds < 0.0) {
    throw core::InputError("(events)", where + " duration", std::to_string(event.duration_seconds),
                           "must be finite and >= 0");
  }
}

// Convolves the oversampled boxcar with `kernel` (causal, same length as the boxcar) and reads it
// at the frame times.
Eigen::VectorXd regressor_at_frames(const Eigen::VectorXd& boxcar, const Eigen::VectorXd& kernel,
                                    const Eigen::VectorXd& frame_grid_positions) {
  const Eigen::Index n = boxcar.size();
  Eigen::VectorXd convolved = Eigen::VectorXd::Zero(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    if (boxcar(j) == 0.0) continue;
    const Eigen::Index span = std::min(kernel.size(), n - j);
    convolved.segment(j, span) += boxcar(j) * kernel.head(span);
  }
  Eigen::VectorXd out(frame_grid_positions.size());
  for (Eigen::Index i = 0; i < out.size(); ++i) {
    const double position = frame_grid_positions(i);
    const auto below = static_cast<Eigen::Index>(std::floor(position));
    const double fraction = position - static_cast<double>(below);
    const Eigen::Index above = std::min(below + 1, n - 1);
    out(i) = (1.0 - fraction) * convolved(below) + fraction * convolved(above);
  }
  return out;
}

void append_column(DesignMatrix& design, const Eigen::VectorXd& column, const std::string& name) {
  design.matrix.conservativeResize(column.size(), design.matrix.cols() + 1);
  design.matrix.col(design.matrix.cols() - 1) = column;
  design.column_names.push_back(name);
}

void append_drift(DesignMatrix& design, const DesignOptions& options) {
  const Eigen::Index t_count = options.volume_count;
  const double frames = static_cast<double>(t_count);
  if (options.drift == DriftModel::cosine) {
    const auto order = std::min<Eigen::Index>(
        t_count - 1,
        static_cast<Eigen::Index>(std::floor(2.0 * frames * options.repetition_time_seconds /
                                             options.high_pass_seconds)));
    for (Eigen::Index k = 1; k <= order; ++k) {
      Eigen::VectorXd column(t_count);
      for (Eigen::Index i = 0; i < t_count; ++i)
        column(i) = std::sqrt(2.0 / frames) *
                    std::cos(std::numbers::pi * static_cast<double>(k) * (i + 0.5) / frames);
      append_column(design, column, "drift_cosine_" + std::to_string(k));
    }
  } else if (options.drift == DriftModel::polynomial) {
    const Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(t_count, -1.0, 1.0);
    for (int p = 1; p <= options.polynomial_order; ++p)
      append_column(design, x.array().pow(p).matrix(), "drift_polynomial_" + std::to_string(p));
  }
}

}  // namespace

DesignMatrix build_task_design(const std::vector<TaskEvent>& events, const DesignOptions& options,
                               const Eigen::MatrixXd& confounds,
                               const std::vector<std::string>& confound_names) {
  check_options(options);
  const Eigen::Index t_count = options.volume_count;
  if (confounds.cols() > 0 &&
      (confounds.rows() != t_count ||
       static_cast<Eigen::Index>(confound_names.size()) != confounds.cols())) {
    throw core::InputError(
        "(task design)", "confounds",
        std::to_string(confounds.rows()) + "x" + std::to_string(confounds.cols()),
        "must have one row per volume (" + std::to_string(t_count) + ") and one name per column");
  }
  const double tr = options.repetition_time_seconds;
  const double dt = tr / options.oversampling;
  const double run_end = (static_cast<double>(t_count) + options.slice_time_reference) * tr;
  const auto grid_size = static_cast<Eigen::Index>(std::ceil(run_end / dt)) + 1;
  Eigen::VectorXd frame_positions(t_count);
  for (Eigen::Index i = 0; i < t_count; ++i)
    frame_positions(i) =
        (static_cast<double>(i) + options.slice_time_reference) * options.oversampling;

  DesignMatrix design;
  design.matrix.resize(t_count, 0);
  std::vector<Eigen::VectorXd> boxcars;
  for (std::size_t row = 0; row < events.size(); ++row) {
    const TaskEvent& event = events[row];
    check_event(event, row);
    if (event.onset_seconds >= run_end) {
      design.warnings.push_back("event " + std::to_string(row) + " (" + event.trial_type +
                                ") at onset " + std::to_string(event.onset_seconds) +
                                " s starts after the run ends (" + std::to_string(run_end) +
                                " s); dropped");
      continue;
    }
    std::size_t condition = 0;
    while (condition < design.conditions.size() && design.conditions[condition] != event.trial_type)
      ++condition;
    if (condition == design.conditions.size()) {
      design.conditions.push_back(event.trial_type);
      boxcars.push_back(Eigen::VectorXd::Zero(grid_size));
    }
    const auto first = static_cast<Eigen::Index>(std::ceil(event.onset_seconds / dt));
    auto last =
        static_cast<Eigen::Index>(std::ceil((event.onset_seconds + event.duration_seconds) / dt));
    last = std::min(std::max(last, first + 1), grid_size);
    boxcars[condition].segment(first, last - first).array() += event.amplitude;
  }
  const Eigen::VectorXd hrf = spm_canonical_hrf(dt);
  const Eigen::VectorXd derivative = spm_hrf_temporal_derivative(dt);
  for (std::size_t c = 0; c < design.conditions.size(); ++c) {
    design.condition_columns.push_back(static_cast<int>(design.matrix.cols()));
    append_column(design, regressor_at_frames(boxcars[c], hrf, frame_positions),
                  design.conditions[c]);
    if (options.temporal_derivative)
      append_column(design, regressor_at_frames(boxcars[c], derivative, frame_positions),
                    design.conditions[c] + "_derivative");
  }
  append_drift(design, options);
  for (Eigen::Index c = 0; c < confounds.cols(); ++c)
    append_column(design, confounds.col(c), confound_names[static_cast<std::size_t>(c)]);
  design.intercept_column = static_cast<int>(design.matrix.cols());
  append_column(design, Eigen::VectorXd::Ones(t_count), "constant");
  return design;
}

}  // namespace acuroi::measures
