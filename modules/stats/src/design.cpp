#include "acuroi/stats/design.hpp"

#include "acuroi/stats/error.hpp"
#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace acuroi::stats {
namespace {

constexpr const char* subject = "design";

const std::vector<double>& numeric_column(const ParticipantTable& table, const std::string& name,
                                          const char* role) {
  const auto it = table.numeric.find(name);
  if (it == table.numeric.end())
    throw StatsError(subject, role, name,
                     table.categorical.count(name) ? "is categorical, a numeric column is needed"
                                                   : "no such numeric column");
  if (it->second.size() != table.participant_ids.size())
    throw StatsError(
        subject, name, std::to_string(it->second.size()) + " values",
        "expected one per participant (" + std::to_string(table.participant_ids.size()) + ")");
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < it->second.size(); ++i)
    if (!std::isfinite(it->second[i])) missing.push_back(table.participant_ids[i]);
  if (!missing.empty())
    throw StatsError(subject, role + std::string(" '") + name + "'", "NaN",
                     "missing for participants " + detail::format_list(missing));
  return it->second;
}

void add_numeric(const ParticipantTable& table, const Term& term, Design& d,
                 std::vector<Eigen::VectorXd>& columns) {
  const std::vector<double>& v = numeric_column(table, term.column, "covariate");
  Eigen::VectorXd c =
      Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
  if (term.centre) c.array() -= c.mean();
  columns.push_back(c);
  d.column_names.push_back(term.column);
}

void add_categorical(const ParticipantTable& table, const Term& term, Design& d,
                     std::vector<Eigen::VectorXd>& columns) {
  const auto it = table.categorical.find(term.column);
  if (it == table.categorical.end())
    throw StatsError(subject, "categorical covariate", term.column,
                     table.numeric.count(term.column) ? "is numeric, a categorical column is needed"
                                                      : "no such categorical column");
  const std::vector<std::string>& v = it->second;
  if (v.size() != table.participant_ids.size())
    throw StatsError(subject, term.column, std::to_string(v.size()) + " values",
                     "expected one per participant");
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i].empty()) missing.push_back(table.participant_ids[i]);
  if (!missing.empty())
    throw StatsError(subject, "categorical covariate '" + term.column + "'", "(empty)",
                     "missing for participants " + detail::format_list(missing));
  const std::set<std::string> levels(v.begin(), v.end());
  if (levels.size() < 2)
    throw StatsError(subject, "categorical covariate '" + term.column + "'", *levels.begin(),
                     "has a single level; its effect is not estimable");
  const std::string reference =
      term.reference_level.empty() ? *levels.begin() : term.reference_level;
  if (!levels.count(reference))
    throw StatsError(
        subject, "reference level of '" + term.column + "'", reference,
        "does not occur; levels are " + detail::format_list({levels.begin(), levels.end()}));
  for (const std::string& level : levels) {
    if (level == reference) continue;
    Eigen::VectorXd c(static_cast<Eigen::Index>(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i) c[static_cast<Eigen::Index>(i)] = v[i] == level;
    columns.push_back(c);
    d.column_names.push_back(term.column + "[T." + level + "]");
  }
}

}  // namespace

ModelSpec ancova_post_spec(const std::string& post_column, const std::string& pre_column,
                           const std::string& arm_column, const std::string& control_level,
                           const std::vector<Term>& covariates) {
  ModelSpec spec{post_column,
                 {Term::categorical(arm_column, control_level), Term::numeric(pre_column)}};
  spec.terms.insert(spec.terms.end(), covariates.begin(), covariates.end());
  return spec;
}

ModelSpec change_spec(const std::string& change_column, const std::string& arm_column,
                      const std::string& control_level, const std::vector<Term>& covariates) {
  ModelSpec spec{change_column, {Term::categorical(arm_column, control_level)}};
  spec.terms.insert(spec.terms.end(), covariates.begin(), covariates.end());
  return spec;
}

Design build_design(const ParticipantTable& table, const ModelSpec& spec) {
  Design d;
  d.outcome = spec.outcome;
  d.participant_ids = table.participant_ids;
  d.has_intercept = spec.intercept;
  const std::vector<double>& y = numeric_column(table, spec.outcome, "outcome");
  const auto n = static_cast<Eigen::Index>(y.size());
  d.y = Eigen::Map<const Eigen::VectorXd>(y.data(), n);
  std::vector<Eigen::VectorXd> columns;
  if (spec.intercept) {
    columns.push_back(Eigen::VectorXd::Ones(n));
    d.column_names.push_back("const");
  }
  for (const Term& term : spec.terms) {
    if (term.kind == Term::Kind::numeric)
      add_numeric(table, term, d, columns);
    else
      add_categorical(table, term, d, columns);
  }
  const auto p = static_cast<Eigen::Index>(columns.size());
  if (n <= p)
    throw StatsError(subject, "participants", std::to_string(n),
                     "too few for " + std::to_string(p) + " model columns (need more than " +
                         std::to_string(p) + ")");
  if (d.y.maxCoeff() == d.y.minCoeff())
    throw StatsError(subject, "outcome '" + spec.outcome + "'",
                     detail::format_number(d.y[0]) + " for every participant",
                     "zero variance: the model's t and F statistics are undefined");
  d.x.resize(n, p);
  for (Eigen::Index j = 0; j < p; ++j) d.x.col(j) = columns[static_cast<std::size_t>(j)];
  check_full_rank(d.x, d.column_names, d.has_intercept);
  return d;
}

void check_full_rank(const Eigen::MatrixXd& x, const std::vector<std::string>& column_names,
                     bool has_intercept) {
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const bool constant = x.col(j).maxCoeff() == x.col(j).minCoeff();
    if (constant && (has_intercept ? j > 0 : x.col(j).isZero(0.0)))
      throw StatsError(
          subject, "column '" + column_names[static_cast<std::size_t>(j)] + "'",
          detail::format_number(x(0, j)) + " for every participant",
          "is constant, so it is collinear with the intercept: the design is singular");
  }
  Eigen::MatrixXd scaled = x;
  for (Eigen::Index j = 0; j < x.cols(); ++j) scaled.col(j) /= scaled.col(j).norm();
  constexpr double tolerance = 1e-10;
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> full(scaled);
  full.setThreshold(tolerance);
  if (full.rank() == x.cols()) return;
  // Find the first column that adds nothing to the span of the ones before it.
  for (Eigen::Index j = 1; j < x.cols(); ++j) {
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(scaled.leftCols(j + 1));
    qr.setThreshold(tolerance);
    if (qr.rank() <= j) {
      std::vector<std::string> before(column_names.begin(), column_names.begin() + j);
      throw StatsError(subject, "column '" + column_names[static_cast<std::size_t>(j)] + "'",
                       "rank " + std::to_string(full.rank()) + " of " + std::to_string(x.cols()),
                       "is a linear combination of the columns before it (" +
                           detail::format_list(before) + "): the design is singular");
    }
  }
  throw StatsError(subject, "design", "rank " + std::to_string(full.rank()), "is rank-deficient");
}

}  // namespace acuroi::stats
