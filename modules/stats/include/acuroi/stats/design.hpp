// Design matrices from named participant columns, for OLS/ANCOVA models such as
// `post ~ arm + pre + covariates` or `change ~ arm + covariates`.
// - An intercept column "const" comes first (as statsmodels add_constant) unless disabled.
// - Numeric terms enter as one column, optionally centred on their mean over the participants.
// - Categorical terms use treatment coding against a reference level: one 0/1 column per other
//   level, named "<column>[T.<level>]" (patsy's naming), levels in sorted order.
// Missing values (NaN numeric, empty categorical) are errors naming the column and participants.
//
//   ParticipantTable table{ids, {{"change", change}, {"age", age}}, {{"arm", arm}}};
//   ModelSpec spec{"change", {Term::categorical("arm", "sham"), Term::numeric("age", true)}};
//   Design design = build_design(table, spec);   // columns: const, arm[T.acupuncture], age
#pragma once
#include <Eigen/Dense>

#include <map>
#include <string>
#include <vector>

namespace acuroi::stats {

struct ParticipantTable {
  std::vector<std::string> participant_ids;
  std::map<std::string, std::vector<double>> numeric;           // NaN = missing
  std::map<std::string, std::vector<std::string>> categorical;  // "" = missing
};

struct Term {
  enum class Kind { numeric, categorical };
  std::string column;
  Kind kind = Kind::numeric;
  bool centre = false;          // numeric: subtract the mean
  std::string reference_level;  // categorical: "" = the first level in sorted order

  static Term numeric(std::string column, bool centre = false) {
    return {std::move(column), Kind::numeric, centre, {}};
  }
  static Term categorical(std::string column, std::string reference_level = {}) {
    return {std::move(column), Kind::categorical, false, std::move(reference_level)};
  }
};

struct ModelSpec {
  std::string outcome;  // a numeric column
  std::vector<Term> terms;
  bool intercept = true;
};

struct Design {
  std::string outcome;
  std::vector<std::string> participant_ids;
  std::vector<std::string> column_names;  // "const" first when has_intercept
  Eigen::MatrixXd x;                      // participants × columns
  Eigen::VectorXd y;
  bool has_intercept = true;
};

// `post ~ arm + pre + covariates` and `change ~ arm + covariates`: the arm is categorical with
// `control_level` as reference, so its coefficient is active − control.
ModelSpec ancova_post_spec(const std::string& post_column, const std::string& pre_column,
                           const std::string& arm_column, const std::string& control_level,
                           const std::vector<Term>& covariates);
ModelSpec change_spec(const std::string& change_column, const std::string& arm_column,
                      const std::string& control_level, const std::vector<Term>& covariates);

// Throws StatsError: unknown column, column length ≠ participants, missing values (lists the
// participants), a reference level that does not occur, a categorical with one level, a constant
// outcome, fewer participants than columns + 1, or a rank-deficient design (names the column
// that is constant or a linear combination of the columns before it).
Design build_design(const ParticipantTable& table, const ModelSpec& spec);

// Throws StatsError when the columns of x are not linearly independent (after scaling each
// column to unit length, relative pivot tolerance 1e-10), naming the offending column.
void check_full_rank(const Eigen::MatrixXd& x, const std::vector<std::string>& column_names,
                     bool has_intercept);

}  // namespace acuroi::stats
