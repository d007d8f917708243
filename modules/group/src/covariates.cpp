#include "covariates.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "acuroi/io/table.hpp"
#include "acuroi/stats/error.hpp"

namespace acuroi::group::detail {
namespace {

std::string join(const std::vector<std::string>& items, std::size_t limit = 10) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > limit) out += ", ... (" + std::to_string(items.size()) + " in all)";
  return out;
}

bool parse_number(std::string_view text, double& out) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size() && std::isfinite(out);
}

bool is_categorical(const GroupOptions& options, const std::string& column) {
  return std::find(options.categorical.begin(), options.categorical.end(), column) !=
         options.categorical.end();
}

}  // namespace

CovariateColumns parse_covariates(const StudyValues& values, const GroupOptions& options) {
  CovariateColumns out;
  for (const std::string& column : options.covariates) {
    for (const char* reserved : kReservedColumns)
      if (column == reserved)
        throw stats::StatsError("group.covariates", "covariate", column,
                                "is a name the group models use for themselves (arm, pre, post, "
                                "change); rename the participants.tsv column");
    std::vector<std::string> missing, not_numbers;
    std::vector<double> numbers;
    std::vector<std::string> levels;
    for (std::size_t i = 0; i < values.participants.size(); ++i) {
      const auto& row = values.covariates[i];
      const auto it = row.find(column);
      const std::string text = it == row.end() ? std::string() : it->second;
      if (io::is_missing_value(text)) {
        missing.push_back(values.participants[i]);
        continue;
      }
      double number = 0;
      if (!is_categorical(options, column) && !parse_number(text, number))
        not_numbers.push_back(values.participants[i] + " ('" + text + "')");
      numbers.push_back(number);
      levels.push_back(text);
    }
    if (!missing.empty())
      throw stats::StatsError(
          "participants.tsv", "covariate '" + column + "'", "(missing)",
          "no value for participant(s) " + join(missing) +
              "; fill them in, or leave these participants or the covariate out");
    if (!not_numbers.empty())
      throw stats::StatsError(
          "participants.tsv", "covariate '" + column + "'", join(not_numbers),
          "is not a number; list the column in group.categorical if it is categorical");
    if (is_categorical(options, column))
      out.categorical[column] = std::move(levels);
    else
      out.numeric[column] = std::move(numbers);
  }
  return out;
}

std::vector<stats::Term> covariate_terms(const GroupOptions& options) {
  std::vector<stats::Term> terms;
  for (const std::string& column : options.covariates)
    terms.push_back(is_categorical(options, column)
                        ? stats::Term::categorical(column)
                        : stats::Term::numeric(column, options.centre_covariates));
  return terms;
}

stats::ParticipantTable participant_table(const StudyValues& values,
                                          const CovariateColumns& covariates,
                                          const std::vector<std::size_t>& rows, long column) {
  stats::ParticipantTable t;
  auto& arm = t.categorical[kArmColumn];
  for (std::size_t i : rows) {
    t.participant_ids.push_back(values.participants[i]);
    arm.push_back(values.arms[i]);
    if (column < 0) continue;
    const double pre = values.pre(static_cast<Eigen::Index>(i), column);
    const double post = values.post(static_cast<Eigen::Index>(i), column);
    t.numeric["pre"].push_back(pre);
    t.numeric["post"].push_back(post);
    t.numeric["change"].push_back(post - pre);
  }
  for (const auto& [name, all] : covariates.numeric)
    for (std::size_t i : rows) t.numeric[name].push_back(all[i]);
  for (const auto& [name, all] : covariates.categorical)
    for (std::size_t i : rows) t.categorical[name].push_back(all[i]);
  return t;
}

std::vector<std::size_t> complete_rows(const StudyValues& values, std::size_t column,
                                       const std::string& arm) {
  std::vector<std::size_t> rows;
  const auto j = static_cast<Eigen::Index>(column);
  for (std::size_t i = 0; i < values.participants.size(); ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    if ((arm.empty() || values.arms[i] == arm) && std::isfinite(values.pre(r, j)) &&
        std::isfinite(values.post(r, j)))
      rows.push_back(i);
  }
  return rows;
}

}  // namespace acuroi::group::detail
