#include "acuroi/simulate/confounds.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "acuroi/core/error.hpp"

namespace acuroi::simulate {

namespace {
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

std::vector<double> derivative(const std::vector<double>& x) {
  std::vector<double> d(x.size(), missing);
  for (std::size_t t = 1; t < x.size(); ++t) d[t] = x[t] - x[t - 1];
  return d;
}

std::vector<double> squared(const std::vector<double>& x) {
  std::vector<double> s(x.size());
  for (std::size_t t = 0; t < x.size(); ++t) s[t] = x[t] * x[t];  // NaN stays NaN
  return s;
}

std::string numbered(const char* prefix, std::size_t k) {
  char text[32];
  std::snprintf(text, sizeof text, "%s%02zu", prefix, k);
  return text;
}

std::vector<std::int32_t> union_of(const std::vector<std::int32_t>& a,
                                   const std::vector<std::int32_t>& b) {
  std::vector<std::int32_t> u;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(u));
  return u;
}
}  // namespace

double round_significant(double x, int digits) {
  if (x == 0.0 || !std::isfinite(x)) return x;
  const int exponent = static_cast<int>(std::floor(std::log10(std::abs(x))));
  const int shift = digits - 1 - exponent;
  // Scale by an exact power of ten (as a double) on the side that keeps it exact.
  if (shift >= 0) {
    const double scale = std::pow(10.0, shift);
    return std::round(x * scale) / scale;
  }
  const double scale = std::pow(10.0, -shift);
  return std::round(x / scale) * scale;
}

void ConfoundTable::add(std::string name, std::vector<double> column) {
  for (double& v : column) v = round_significant(v);
  columns.push_back(std::move(name));
  values.push_back(std::move(column));
}

void ConfoundTable::add_with_expansions(const std::string& name,
                                        const std::vector<double>& column) {
  std::vector<double> x = column;
  for (double& v : x) v = round_significant(v);
  const std::vector<double> dx = derivative(x);
  add(name, x);
  add(name + "_derivative1", dx);
  add(name + "_power2", squared(x));
  add(name + "_derivative1_power2", squared(dx));
}

const std::vector<double>& ConfoundTable::column(const std::string& name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  if (it == columns.end()) throw core::Error("confound column " + name + " was not computed");
  return values[it - columns.begin()];
}

std::vector<double> mean_series(const SimulatedRun& run,
                                const std::vector<std::int32_t>& positions) {
  std::vector<double> mean(run.volumes, missing);
  if (positions.empty()) return mean;
  for (int t = 0; t < run.volumes; ++t) {
    const float* volume = run.values.data() + static_cast<std::size_t>(t) * run.voxels;
    double sum = 0.0;
    for (std::int32_t i : positions) sum += volume[i];
    mean[t] = sum / static_cast<double>(positions.size());
  }
  return mean;
}

std::vector<double> brain_mean_series(const SimulatedRun& run) {
  std::vector<double> mean(run.volumes, missing);
  for (int t = 0; t < run.volumes; ++t) {
    const float* volume = run.values.data() + static_cast<std::size_t>(t) * run.voxels;
    double sum = 0.0;
    for (std::size_t i = 0; i < run.voxels; ++i) sum += volume[i];
    mean[t] = sum / static_cast<double>(run.voxels);
  }
  return mean;
}

ConfoundTable compute_confounds(const SimulatedRun& run, const ParticipantTissue& tissue,
                                double repetition_time_s) {
  ConfoundTable table;
  table.add_with_expansions("global_signal", brain_mean_series(run));
  table.add_with_expansions("csf", mean_series(run, tissue.csf_voxels));
  table.add_with_expansions("white_matter", mean_series(run, tissue.wm_voxels));
  Dvars dvars = compute_dvars(run);
  table.add("std_dvars", std::move(dvars.std_dvars));
  table.add("dvars", std::move(dvars.dvars));
  MotionTrace rounded_motion = run.motion;  // FD from the motion columns as written
  for (auto& parameter : rounded_motion.parameters) {
    for (double& v : parameter) v = round_significant(v);
  }
  table.add("framewise_displacement", framewise_displacement(rounded_motion));
  const auto components =
      acompcor_components(run, union_of(tissue.wm_voxels, tissue.csf_voxels), repetition_time_s);
  for (std::size_t c = 0; c < components.size(); ++c)
    table.add(numbered("a_comp_cor_", c), components[c]);
  const auto cosines = cosine_drift_basis(run.volumes, repetition_time_s);
  const std::size_t cosine_count = cosines.empty() ? 0 : cosines[0].size();
  for (std::size_t k = 0; k < cosine_count; ++k) {
    std::vector<double> column(run.volumes);
    for (int t = 0; t < run.volumes; ++t) column[t] = cosines[t][k];
    table.add(numbered("cosine", k), std::move(column));
  }
  for (int p = 0; p < 6; ++p) {
    table.add_with_expansions(motion_parameter_names[p], run.motion.parameters[p]);
  }
  return table;
}

}  // namespace acuroi::simulate
