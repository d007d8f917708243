#include "acuroi/stats/error.hpp"
#include "acuroi/stats/permutation.hpp"
#include "distributions.hpp"
#include "format.hpp"
#include "permutation_engine.hpp"

#include <algorithm>
#include <cmath>

namespace acuroi::stats {
namespace {

constexpr const char* subject = "GLM permutation test (Freedman-Lane)";

// What one test needs per permutation. With X = QR, the tested coefficient of any outcome v is
// w·v with w = row j of R^{-1}Q', its variance factor is (X'X)^{-1}_jj = |row j of R^{-1}|².
// The permuted outcome is ŷ_Z + P e_Z; ŷ_Z lies in span(X) with a zero j-th coefficient, so the
// refit only needs v = P e_Z: β_j = w·v, residual r = v − Q Q'v.
struct PreparedTest {
  Eigen::MatrixXd q;                  // n × p, orthonormal columns
  Eigen::VectorXd w;                  // n
  Eigen::VectorXd reduced_residuals;  // e_Z, n
  double variance_factor = 0;
  double df_resid = 0;
};

PreparedTest prepare(const GlmPermutationTest& test) {
  const Design& d = test.design;
  check_full_rank(d.x, d.column_names, d.has_intercept);
  const auto it = std::find(d.column_names.begin(), d.column_names.end(), test.tested_coefficient);
  if (it == d.column_names.end())
    throw StatsError(
        subject, "tested coefficient", test.tested_coefficient,
        "is not a column of the design (" + detail::format_list(d.column_names, 50) + ")");
  const auto j = static_cast<Eigen::Index>(it - d.column_names.begin());
  const Eigen::Index n = d.x.rows(), p = d.x.cols();
  PreparedTest out;
  out.df_resid = static_cast<double>(n - p);
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(d.x);
  out.q = qr.householderQ() * Eigen::MatrixXd::Identity(n, p);
  const Eigen::MatrixXd r = qr.matrixQR().topLeftCorner(p, p).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd r_inverse =
      r.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(p, p));
  out.w = out.q * r_inverse.row(j).transpose();
  out.variance_factor = r_inverse.row(j).squaredNorm();
  Eigen::MatrixXd reduced(n, p - 1);
  for (Eigen::Index c = 0, k = 0; c < p; ++c)
    if (c != j) reduced.col(k++) = d.x.col(c);
  out.reduced_residuals = d.y;
  if (p > 1) out.reduced_residuals -= reduced * reduced.colPivHouseholderQr().solve(d.y);
  if (out.reduced_residuals.norm() <= 1e-12 * d.y.norm())
    throw StatsError(subject, "outcome '" + d.outcome + "'", "residual 0",
                     "the reduced model fits the outcome exactly; nothing is left to permute");
  return out;
}

class GlmKernel {
 public:
  explicit GlmKernel(std::vector<PreparedTest> tests) : tests_(std::move(tests)) {}

  struct Scratch {
    Eigen::VectorXd permuted, projection, residual;
  };
  Scratch make_scratch() const { return {}; }

  void statistics(std::span<const std::uint32_t> order, Scratch& s, double* t) const {
    const auto n = static_cast<Eigen::Index>(order.size());
    s.permuted.resize(n);
    for (std::size_t j = 0; j < tests_.size(); ++j) {
      const PreparedTest& test = tests_[j];
      for (Eigen::Index i = 0; i < n; ++i)
        s.permuted[i] = test.reduced_residuals[order[static_cast<std::size_t>(i)]];
      const double beta = test.w.dot(s.permuted);
      s.projection.noalias() = test.q.transpose() * s.permuted;
      s.residual = s.permuted;
      s.residual.noalias() -= test.q * s.projection;
      const double sigma2 = s.residual.squaredNorm() / test.df_resid;
      t[j] = beta / std::sqrt(sigma2 * test.variance_factor);
    }
  }

 private:
  std::vector<PreparedTest> tests_;
};

}  // namespace

PermutationResult permute_glm(const std::vector<GlmPermutationTest>& tests,
                              const PermutationOptions& options) {
  if (tests.empty()) throw StatsError(subject, "tests", "0", "nothing to test");
  if (options.n_permutations == 0)
    throw StatsError(subject, "n_permutations", "0", "needs at least 1 permutation");
  const std::vector<std::string>& ids = tests.front().design.participant_ids;
  std::vector<PreparedTest> prepared;
  for (const GlmPermutationTest& test : tests) {
    if (test.design.participant_ids != ids ||
        static_cast<std::size_t>(test.design.x.rows()) != ids.size())
      throw StatsError(subject, "test '" + test.name + "'", "participants",
                       "differ from those of test '" + tests.front().name +
                           "'; every test must have the same participants in the same order");
    prepared.push_back(with_context("test '" + test.name + "'", [&] { return prepare(test); }));
  }
  std::vector<double> df;
  for (const PreparedTest& p : prepared) df.push_back(p.df_resid);
  const GlmKernel kernel(std::move(prepared));
  PermutationResult result = detail::run_permutations(kernel, ids.size(), tests.size(), options);
  for (std::size_t j = 0; j < tests.size(); ++j) {
    result.test_names.push_back(tests[j].name);
    result.p_parametric.push_back(detail::t_two_sided_p(result.t_observed[j], df[j]));
  }
  return result;
}

}  // namespace acuroi::stats
