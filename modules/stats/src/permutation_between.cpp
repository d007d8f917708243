#include "acuroi/stats/error.hpp"
#include "acuroi/stats/permutation.hpp"
#include "format.hpp"
#include "permutation_engine.hpp"

#include <cmath>

namespace acuroi::stats {
namespace {

constexpr const char* subject = "between-arm permutation test";

// Welch/Student t of active − control for relabelled arms. Columns are centred once (t is
// shift-invariant) so the one-pass sums stay accurate; sums run in row order over a 0/1 mask,
// so the same set of active rows always gives the same bits.
class BetweenArmKernel {
 public:
  BetweenArmKernel(const BetweenArmPermutationInput& in) : in_(in), centred_(in.values) {
    for (Eigen::Index j = 0; j < centred_.cols(); ++j) {
      centred_.col(j).array() -= centred_.col(j).mean();
      total_.push_back(centred_.col(j).sum());
      total_squares_.push_back(centred_.col(j).squaredNorm());
    }
    for (bool a : in.active) n_active_ += a ? 1.0 : 0.0;
    n_control_ = static_cast<double>(in.active.size()) - n_active_;
  }

  using Scratch = std::vector<double>;
  Scratch make_scratch() const { return Scratch(in_.active.size()); }

  void statistics(std::span<const std::uint32_t> order, Scratch& mask, double* t) const {
    for (std::size_t i = 0; i < order.size(); ++i) mask[i] = in_.active[order[i]] ? 1.0 : 0.0;
    const auto n = static_cast<std::size_t>(centred_.rows());
    for (Eigen::Index j = 0; j < centred_.cols(); ++j) {
      const double* x = centred_.col(j).data();
      double sum = 0.0, squares = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        sum += mask[i] * x[i];
        squares += mask[i] * x[i] * x[i];
      }
      const auto jj = static_cast<std::size_t>(j);
      t[jj] = welch_or_student(sum, squares, total_[jj] - sum, total_squares_[jj] - squares);
    }
  }

 private:
  double welch_or_student(double s1, double q1, double s2, double q2) const {
    const double n1 = n_active_, n2 = n_control_;
    const double m1 = s1 / n1, m2 = s2 / n2;
    const double v1 = std::max(0.0, (q1 - s1 * m1) / (n1 - 1.0));
    const double v2 = std::max(0.0, (q2 - s2 * m2) / (n2 - 1.0));
    if (in_.variance == TwoSampleVariance::welch) return (m1 - m2) / std::sqrt(v1 / n1 + v2 / n2);
    const double pooled = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / (n1 + n2 - 2.0);
    return (m1 - m2) / std::sqrt(pooled * (1.0 / n1 + 1.0 / n2));
  }

  const BetweenArmPermutationInput& in_;
  Eigen::MatrixXd centred_;
  std::vector<double> total_, total_squares_;
  double n_active_ = 0.0, n_control_ = 0.0;
};

void validate(const BetweenArmPermutationInput& in, const PermutationOptions& options) {
  const auto n = in.participant_ids.size();
  if (in.active.size() != n || static_cast<std::size_t>(in.values.rows()) != n ||
      static_cast<std::size_t>(in.values.cols()) != in.test_names.size())
    throw StatsError(subject, "sizes",
                     std::to_string(n) + " participants, " + std::to_string(in.active.size()) +
                         " arm labels, " + std::to_string(in.values.rows()) + " x " +
                         std::to_string(in.values.cols()) + " values, " +
                         std::to_string(in.test_names.size()) + " test names",
                     "values must be participants × tests with one arm label per participant");
  if (in.test_names.empty()) throw StatsError(subject, "tests", "0", "nothing to test");
  if (options.n_permutations == 0)
    throw StatsError(subject, "n_permutations", "0", "needs at least 1 permutation");
  std::size_t n_active = 0;
  for (bool a : in.active) n_active += a;
  if (n_active < 2 || n - n_active < 2)
    throw StatsError(
        subject, "arm sizes",
        std::to_string(n_active) + " active, " + std::to_string(n - n_active) + " control",
        "each arm needs at least 2 participants");
  for (Eigen::Index j = 0; j < in.values.cols(); ++j) {
    const std::string& name = in.test_names[static_cast<std::size_t>(j)];
    std::vector<std::string> missing;
    for (Eigen::Index i = 0; i < in.values.rows(); ++i)
      if (!std::isfinite(in.values(i, j)))
        missing.push_back(in.participant_ids[static_cast<std::size_t>(i)]);
    if (!missing.empty())
      throw StatsError(subject, "test '" + name + "'", "NaN",
                       "missing for participants " + detail::format_list(missing));
    if (in.values.col(j).maxCoeff() == in.values.col(j).minCoeff())
      throw StatsError(subject, "test '" + name + "'",
                       detail::format_number(in.values(0, j)) + " for every participant",
                       "zero variance: the t statistic is undefined");
  }
}

}  // namespace

PermutationResult permute_between_arms(const BetweenArmPermutationInput& input,
                                       const PermutationOptions& options) {
  validate(input, options);
  const BetweenArmKernel kernel(input);
  PermutationResult result = detail::run_permutations(kernel, input.participant_ids.size(),
                                                      input.test_names.size(), options);
  result.test_names = input.test_names;
  for (Eigen::Index j = 0; j < input.values.cols(); ++j) {
    std::vector<double> active, control;
    for (Eigen::Index i = 0; i < input.values.rows(); ++i)
      (input.active[static_cast<std::size_t>(i)] ? active : control).push_back(input.values(i, j));
    const TwoSampleTTest test =
        with_context("test '" + input.test_names[static_cast<std::size_t>(j)] + "'",
                     [&] { return two_sample_t(active, control, input.variance); });
    result.p_parametric.push_back(test.p);
  }
  return result;
}

}  // namespace acuroi::stats
