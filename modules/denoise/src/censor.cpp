// Scrubbing (see censor.hpp).
#include "acuroi/denoise/censor.hpp"

#include <cmath>
#include <sstream>

#include "acuroi/core/error.hpp"
#include "acuroi/denoise/confounds.hpp"

namespace acuroi::denoise {
namespace {

const std::vector<std::string> kMotion = {"trans_x", "trans_y", "trans_z",
                                          "rot_x",   "rot_y",   "rot_z"};

bool over(double value, const std::optional<double>& threshold) {
  return threshold && !std::isnan(value) && value > *threshold;
}

// Censors runs of kept volumes shorter than `min_length`; returns how many it censored.
int censor_short_segments(std::vector<bool>& kept, int min_length) {
  if (min_length <= 1) return 0;
  int censored = 0;
  std::size_t t = 0;
  while (t < kept.size()) {
    if (!kept[t]) {
      ++t;
      continue;
    }
    std::size_t end = t;
    while (end < kept.size() && kept[end]) ++end;
    if (end - t < static_cast<std::size_t>(min_length)) {
      for (std::size_t i = t; i < end; ++i) kept[i] = false;
      censored += static_cast<int>(end - t);
    }
    t = end;
  }
  return censored;
}

std::string format_seconds(double seconds) {
  std::ostringstream text;
  text << seconds;
  return text.str();
}

std::vector<bool> non_steady_state_flags(const io::Table& table) {
  std::vector<bool> dummy(table.row_count(), false);
  for (const auto& column : table.header()) {
    if (!column.starts_with("non_steady_state_outlier") &&
        !column.starts_with("NonSteadyStateOutlier"))
      continue;
    const auto values = table.numbers(column);
    for (std::size_t t = 0; t < values.size(); ++t)
      if (values[t] == 1.0) dummy[t] = true;
  }
  return dummy;
}

}  // namespace

std::vector<double> power_framewise_displacement(const Eigen::MatrixXd& motion,
                                                 double head_radius_mm) {
  if (motion.cols() != 6)
    throw core::Error("power_framewise_displacement: motion must have 6 columns, got " +
                      std::to_string(motion.cols()));
  std::vector<double> fd(static_cast<std::size_t>(motion.rows()), 0.0);
  for (Eigen::Index t = 1; t < motion.rows(); ++t) {
    double sum = 0.0;
    for (Eigen::Index k = 0; k < 6; ++k) {
      const double step = std::abs(motion(t, k) - motion(t - 1, k));
      sum += k < 3 ? step : head_radius_mm * step;
    }
    fd[static_cast<std::size_t>(t)] = sum;
  }
  return fd;
}

CensorMask censor_series(const std::vector<double>& framewise_displacement,
                         const std::vector<double>& std_dvars, const std::vector<bool>& dummy,
                         double repetition_time_s, const CensorOptions& options) {
  const std::size_t volumes = framewise_displacement.size();
  if (!std_dvars.empty() && std_dvars.size() != volumes)
    throw core::Error("censor_series: std_dvars has " + std::to_string(std_dvars.size()) +
                      " values, framewise displacement " + std::to_string(volumes));
  if (!options.dummy_volumes && dummy.size() != volumes)
    throw core::Error("censor_series: dummy flags have " + std::to_string(dummy.size()) +
                      " values, framewise displacement " + std::to_string(volumes));
  if (options.dummy_volumes && *options.dummy_volumes < 0)
    throw core::InputError("", "dummy_volumes", std::to_string(*options.dummy_volumes),
                           "must be >= 0");
  CensorMask mask;
  mask.kept.assign(volumes, true);
  mask.framewise_displacement = framewise_displacement;
  for (std::size_t t = 0; t < volumes; ++t) {
    if (std::isnan(mask.framewise_displacement[t])) mask.framewise_displacement[t] = 0.0;
    const bool is_dummy =
        options.dummy_volumes ? t < static_cast<std::size_t>(*options.dummy_volumes) : dummy[t];
    if (is_dummy) {
      mask.kept[t] = false;
      ++mask.dummy_count;
    } else if (over(framewise_displacement[t], options.fd_threshold_mm) ||
               (!std_dvars.empty() && over(std_dvars[t], options.std_dvars_threshold))) {
      mask.kept[t] = false;
      ++mask.motion_outlier_count;
    }
  }
  mask.short_segment_count = censor_short_segments(mask.kept, options.min_segment_length);
  for (std::size_t t = 0; t < volumes; ++t)
    if (mask.kept[t]) mask.kept_indices.push_back(static_cast<Eigen::Index>(t));

  const std::string counts = std::to_string(mask.dummy_count) + " dummy, " +
                             std::to_string(mask.motion_outlier_count) + " motion outliers, " +
                             std::to_string(mask.short_segment_count) + " in short segments";
  const double kept_time_s = static_cast<double>(mask.kept_count()) * repetition_time_s;
  if (mask.kept_indices.empty()) {
    mask.excluded = true;
    mask.exclusion_reason = "all " + std::to_string(volumes) + " volumes censored (" + counts + ")";
  } else if (kept_time_s < options.min_time_s) {
    mask.excluded = true;
    mask.exclusion_reason = "only " + std::to_string(mask.kept_count()) + " of " +
                            std::to_string(volumes) + " volumes (" + format_seconds(kept_time_s) +
                            " s) left after censoring (" + counts + "); at least " +
                            format_seconds(options.min_time_s) + " s required";
  }
  return mask;
}

CensorMask censor_volumes(const io::Table& confounds, double repetition_time_s,
                          const CensorOptions& options) {
  if (!(repetition_time_s > 0.0))
    throw core::InputError(confounds.source(), "repetition_time", std::to_string(repetition_time_s),
                           "must be > 0 s");
  std::vector<double> fd;
  if (find_confound_column(confounds, "framewise_displacement")) {
    fd = confounds.numbers(*find_confound_column(confounds, "framewise_displacement"));
  } else {
    Eigen::MatrixXd motion(static_cast<Eigen::Index>(confounds.row_count()), 6);
    for (Eigen::Index k = 0; k < 6; ++k) {
      const auto column = confound_column(confounds, kMotion[static_cast<std::size_t>(k)]);
      for (Eigen::Index t = 0; t < motion.rows(); ++t)
        motion(t, k) = column[static_cast<std::size_t>(t)];
    }
    fd = power_framewise_displacement(motion, options.head_radius_mm);
  }
  std::vector<double> std_dvars;
  if (options.std_dvars_threshold) {
    const auto column = find_confound_column(confounds, "std_dvars");
    if (!column) (void)confound_column(confounds, "std_dvars");  // throws, listing the columns
    std_dvars = confounds.numbers(*column);
  }
  const std::vector<bool> dummy =
      options.dummy_volumes ? std::vector<bool>{} : non_steady_state_flags(confounds);
  return censor_series(fd, std_dvars, dummy, repetition_time_s, options);
}

}  // namespace acuroi::denoise
