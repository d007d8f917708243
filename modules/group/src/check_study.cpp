// Study-level checks before any ROI × measure is analysed: arm sizes, covariates, design rank.
#include <numeric>

#include "acuroi/group/analysis.hpp"
#include "acuroi/stats/design.hpp"
#include "acuroi/stats/error.hpp"
#include "covariates.hpp"

namespace acuroi::group {
namespace {

std::string join(const std::vector<std::string>& items, std::size_t limit = 10) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > limit) out += ", ... (" + std::to_string(items.size()) + " in all)";
  return out;
}

void check_arm_size(const StudyValues& values, const std::string& arm) {
  std::vector<std::string> in_arm, left_out;
  for (std::size_t i = 0; i < values.participants.size(); ++i)
    if (values.arms[i] == arm) in_arm.push_back(values.participants[i]);
  if (in_arm.size() >= 2) return;
  for (const Exclusion& e : values.exclusions)
    if (e.arm == arm && e.roi.empty() && e.measure.empty())
      left_out.push_back(e.participant + " (" + e.reason + ")");
  std::string problem = "an arm needs at least 2 participants with usable pre and post sessions";
  if (!left_out.empty()) problem += "; left out: " + join(left_out, 5);
  throw stats::StatsError("study", "arm '" + arm + "'",
                          std::to_string(in_arm.size()) + " participant(s)" +
                              (in_arm.empty() ? "" : " (" + join(in_arm) + ")"),
                          problem);
}

// The covariates (and the arm) must give a full-rank design over all included participants.
void check_design(const StudyValues& values, const GroupOptions& options,
                  const detail::CovariateColumns& covariates) {
  if (options.covariates.empty()) return;
  std::vector<std::size_t> rows(values.participants.size());
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  stats::ParticipantTable table = detail::participant_table(values, covariates, rows, -1);
  std::vector<double> probe(rows.size());
  std::iota(probe.begin(), probe.end(), 0.0);
  table.numeric["change"] = probe;  // any non-constant outcome: only the columns are checked
  const std::vector<stats::Term> terms = detail::covariate_terms(options);
  const stats::ModelSpec spec =
      values.has_control()
          ? stats::change_spec("change", detail::kArmColumn, values.control_arm, terms)
          : stats::ModelSpec{"change", terms};
  stats::with_context("participants.tsv covariates of the " + std::to_string(rows.size()) +
                          " included participants",
                      [&] { stats::build_design(table, spec); });
}

}  // namespace

void check_study(const StudyValues& values, const GroupOptions& options) {
  check_arm_size(values, values.active_arm);
  if (values.has_control()) check_arm_size(values, values.control_arm);
  const detail::CovariateColumns covariates = detail::parse_covariates(values, options);
  check_design(values, options, covariates);
}

}  // namespace acuroi::group
