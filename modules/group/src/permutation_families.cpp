#include "permutation_families.hpp"

#include <cmath>
#include <map>

#include "acuroi/stats/error.hpp"
#include "acuroi/stats/permutation.hpp"
#include "column_analysis.hpp"

namespace acuroi::group::detail {
namespace {

// One test of a family: the result row it belongs to and its column of StudyValues.
struct Member {
  std::size_t row = 0, column = 0;
};

// The members: rows accepted by `in_family` (computed rows of one test), in row order.
template <class Row, class Accept>
std::vector<Member> members_of(const StudyValues& v, const std::vector<Row>& rows,
                               Accept&& in_family) {
  std::map<RoiMeasure, std::size_t> column_of;
  for (std::size_t j = 0; j < v.columns.size(); ++j) column_of[v.columns[j]] = j;
  std::vector<Member> members;
  for (std::size_t k = 0; k < rows.size(); ++k)
    if (rows[k].status.empty() && in_family(rows[k]))
      members.push_back({k, column_of.at({rows[k].roi, rows[k].measure})});
  return members;
}

// Included participants with finite pre and post values in the column of every member.
std::vector<std::size_t> complete_in_all(const StudyValues& v, const std::vector<Member>& members,
                                         std::vector<std::string>& left_out) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < v.participants.size(); ++i) {
    bool complete = true;
    for (const Member& m : members) {
      const auto r = static_cast<Eigen::Index>(i), c = static_cast<Eigen::Index>(m.column);
      complete = complete && std::isfinite(v.pre(r, c)) && std::isfinite(v.post(r, c));
    }
    if (complete)
      rows.push_back(i);
    else
      left_out.push_back(v.participants[i]);
  }
  return rows;
}

PermutationFamily new_family(const std::string& name, const GroupOptions& o) {
  PermutationFamily f;
  f.name = name;
  f.n_permutations = o.permutations;
  f.seed = o.permutation_seed;
  return f;
}

// Stores the result in the family and the p-values in the members' rows.
template <class Row>
void store_result(const stats::PermutationResult& r, const std::vector<Member>& members,
                  PermutationFamily& f, std::vector<Row>& rows) {
  f.tests = r.test_names;
  f.t_observed = r.t_observed;
  f.p_uncorrected = r.p_uncorrected;
  f.p_fwe = r.p_fwe;
  f.max_abs_t = r.max_abs_t;
  for (std::size_t k = 0; k < members.size(); ++k) {
    rows[members[k].row].p_permutation = r.p_uncorrected[k];
    rows[members[k].row].p_fwe = r.p_fwe[k];
  }
}

void check_arm_sizes(const StudyValues& v, const std::vector<std::size_t>& rows) {
  std::size_t active = 0, control = 0;
  for (std::size_t i : rows) (v.arms[i] == v.active_arm ? active : control) += 1;
  if (active < 2 || control < 2)
    throw stats::StatsError(std::to_string(active) + " " + v.active_arm + " and " +
                            std::to_string(control) + " " + v.control_arm +
                            " participants have a value in every ROI × measure of the family; "
                            "each arm needs at least 2");
}

// Runs `body`; a StatsError becomes the family's status (and a warning).
template <class Body>
void guarded(PermutationFamily& f, GroupResults& results, Body&& body) {
  try {
    body();
  } catch (const stats::StatsError& e) {
    f.status = std::string("not run: ") + e.what();
    results.warnings.push_back("permutation family " + f.name + ": " + f.status);
  }
}

}  // namespace

void run_between_permutations(const StudyValues& v, const GroupOptions& o, GroupResults& results) {
  const std::string test =
      o.between_variance == stats::TwoSampleVariance::welch ? "welch_t" : "student_t";
  PermutationFamily f = new_family("between_" + test, o);
  const std::vector<Member> members =
      members_of(v, results.tests, [&](const TestRow& t) { return t.test == test; });
  const std::vector<std::size_t> rows = complete_in_all(v, members, f.left_out);
  guarded(f, results, [&] {
    if (members.empty()) throw stats::StatsError("no ROI × measure has a computed " + test);
    check_arm_sizes(v, rows);
    stats::BetweenArmPermutationInput in;
    in.variance = o.between_variance;
    in.values.resize(static_cast<Eigen::Index>(rows.size()),
                     static_cast<Eigen::Index>(members.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      in.participant_ids.push_back(v.participants[rows[r]]);
      in.active.push_back(v.arms[rows[r]] == v.active_arm);
      for (std::size_t k = 0; k < members.size(); ++k) {
        const auto i = static_cast<Eigen::Index>(rows[r]);
        const auto j = static_cast<Eigen::Index>(members[k].column);
        in.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(k)) =
            v.post(i, j) - v.pre(i, j);
      }
    }
    for (const Member& m : members) in.test_names.push_back(v.columns[m.column].label());
    const stats::PermutationResult r =
        stats::permute_between_arms(in, {o.permutations, o.permutation_seed});
    f.participants = in.participant_ids;
    store_result(r, members, f, results.tests);
  });
  results.permutations.push_back(std::move(f));
}

void run_glm_permutations(const StudyValues& v, const GroupOptions& o,
                          const CovariateColumns& covariates, const std::string& model,
                          GroupResults& results) {
  PermutationFamily f = new_family("glm_" + model, o);
  const std::string coefficient = arm_coefficient(v);
  const std::vector<Member> candidates = members_of(
      v, results.glm, [&](const GlmRow& g) { return g.model == model && g.term == coefficient; });
  const std::vector<std::size_t> rows = complete_in_all(v, candidates, f.left_out);
  guarded(f, results, [&] {
    if (candidates.empty())
      throw stats::StatsError("no ROI × measure has a fitted " + model + " model");
    check_arm_sizes(v, rows);
    // The design of each test on the complete participants; one that fails there (e.g. a
    // covariate level that only the left-out participants have) leaves the family, with a warning.
    std::vector<stats::GlmPermutationTest> tests;
    std::vector<Member> members;
    const stats::ModelSpec spec = model_spec(v, o, model);
    for (const Member& m : candidates) {
      const std::string name = v.columns[m.column].label();
      try {
        const stats::ParticipantTable table =
            participant_table(v, covariates, rows, static_cast<long>(m.column));
        tests.push_back({name, stats::build_design(table, spec), coefficient});
        members.push_back(m);
      } catch (const stats::StatsError& e) {
        results.warnings.push_back("permutation family " + f.name + ": test " + name +
                                   " left out: on the " + std::to_string(rows.size()) +
                                   " participants complete in every test, " + e.what());
      }
    }
    if (tests.empty()) throw stats::StatsError("no test has a valid design on those participants");
    const stats::PermutationResult r =
        stats::permute_glm(tests, {o.permutations, o.permutation_seed});
    for (std::size_t i : rows) f.participants.push_back(v.participants[i]);
    store_result(r, members, f, results.glm);
  });
  results.permutations.push_back(std::move(f));
}

}  // namespace acuroi::group::detail
