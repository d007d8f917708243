// Permutation inference: the counts against a direct recomputation with the public tests
// (two_sample_t / fit_ols on relabelled or Freedman–Lane-permuted data), bit-identical results
// with 1 and 2 threads, convergence to the parametric p on normal data, and FWE p ≥ uncorrected p.
#include "acuroi/stats/permutation.hpp"
#include "acuroi/stats/ols.hpp"
#include "acuroi/stats/random.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <numbers>

using namespace acuroi::stats;

namespace {

double normal(PermutationRng& rng) {
  const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// n participants (first half active), `tests` columns; column j has effect effects[j].
BetweenArmPermutationInput between_input(std::size_t n, const std::vector<double>& effects,
                                         std::uint64_t stream) {
  PermutationRng rng(99, stream);
  BetweenArmPermutationInput in;
  in.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(effects.size()));
  for (std::size_t i = 0; i < n; ++i) {
    in.participant_ids.push_back("sub-" + std::to_string(i));
    in.active.push_back(i < n / 2);
  }
  for (std::size_t j = 0; j < effects.size(); ++j) {
    in.test_names.push_back("roi" + std::to_string(j));
    for (std::size_t i = 0; i < n; ++i)
      in.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
          (in.active[i] ? effects[j] : 0.0) + normal(rng);
  }
  return in;
}

// change ~ arm + age (+ noise), one GLM test per effect.
std::vector<GlmPermutationTest> glm_tests(std::size_t n, const std::vector<double>& effects,
                                          std::uint64_t stream) {
  PermutationRng rng(77, stream);
  ParticipantTable table;
  std::vector<double> age;
  for (std::size_t i = 0; i < n; ++i) {
    table.participant_ids.push_back("sub-" + std::to_string(i));
    table.categorical["arm"].push_back(i % 2 ? "active" : "control");
    age.push_back(40.0 + 10.0 * normal(rng));
  }
  table.numeric["age"] = age;
  std::vector<GlmPermutationTest> tests;
  for (std::size_t j = 0; j < effects.size(); ++j) {
    std::vector<double> y;
    for (std::size_t i = 0; i < n; ++i)
      y.push_back((i % 2 ? effects[j] : 0.0) + 0.02 * (age[i] - 40.0) + normal(rng));
    table.numeric["change"] = y;
    tests.push_back(
        {"roi" + std::to_string(j),
         build_design(table, change_spec("change", "arm", "control", {Term::numeric("age", true)})),
         "arm[T.active]"});
  }
  return tests;
}

}  // namespace

// Independent recount: relabel with the same permutations and rerun two_sample_t.
TEST(Permutation, BetweenArmCountsMatchDirectRecomputation) {
  const BetweenArmPermutationInput in = between_input(30, {0.0, 0.5, 1.0}, 1);
  const PermutationOptions options{400, 5};
  const PermutationResult r = permute_between_arms(in, options);
  const auto m = static_cast<std::size_t>(in.values.cols());
  std::vector<double> observed(m);
  std::vector<int> exceed(m, 0), exceed_max(m, 0);
  auto t_for = [&](const std::vector<bool>& labels, std::size_t j) {
    std::vector<double> a, c;
    for (std::size_t i = 0; i < labels.size(); ++i)
      (labels[i] ? a : c)
          .push_back(in.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
    return two_sample_t(a, c, TwoSampleVariance::welch).t;
  };
  for (std::size_t j = 0; j < m; ++j) {
    observed[j] = t_for(in.active, j);
    EXPECT_NEAR(r.t_observed[j], observed[j], 1e-12 * std::fabs(observed[j]));
  }
  std::vector<std::uint32_t> order(30);
  for (std::size_t k = 0; k < options.n_permutations; ++k) {
    random_permutation(options.seed, k, order);
    std::vector<bool> labels(30);
    for (std::size_t i = 0; i < 30; ++i) labels[i] = in.active[order[i]];
    double max_t = 0.0;
    std::vector<double> t(m);
    for (std::size_t j = 0; j < m; ++j) {
      t[j] = std::fabs(t_for(labels, j));
      max_t = std::max(max_t, t[j]);
    }
    EXPECT_NEAR(r.max_abs_t[k], max_t, 1e-12 * max_t);
    for (std::size_t j = 0; j < m; ++j) {
      exceed[j] += t[j] >= std::fabs(observed[j]);
      exceed_max[j] += max_t >= std::fabs(observed[j]);
    }
  }
  for (std::size_t j = 0; j < m; ++j) {
    EXPECT_DOUBLE_EQ(r.p_uncorrected[j], (1.0 + exceed[j]) / 401.0) << j;
    EXPECT_DOUBLE_EQ(r.p_fwe[j], (1.0 + exceed_max[j]) / 401.0) << j;
  }
}

// Independent Freedman–Lane: y* = Zγ̂ + P e_Z refitted with fit_ols.
TEST(Permutation, FreedmanLaneMatchesDirectRefit) {
  const auto tests = glm_tests(24, {0.0, 0.8}, 2);
  const PermutationOptions options{200, 11};
  const PermutationResult r = permute_glm(tests, options);
  std::vector<int> exceed(tests.size(), 0);
  for (std::size_t j = 0; j < tests.size(); ++j) {
    const Design& d = tests[j].design;
    const OlsFit full = fit_ols(d);
    const double t_obs = full.coefficient("arm[T.active]").t;
    EXPECT_NEAR(r.t_observed[j], t_obs, 1e-10 * std::fabs(t_obs));
    EXPECT_NEAR(r.p_parametric[j], full.coefficient("arm[T.active]").p, 1e-12);
    Design reduced = d;  // drop the arm column (index 1)
    reduced.x = Eigen::MatrixXd(d.x.rows(), 2);
    reduced.x << d.x.col(0), d.x.col(2);
    reduced.column_names = {"const", "age"};
    const OlsFit z = fit_ols(reduced);
    std::vector<std::uint32_t> order(24);
    for (std::size_t k = 0; k < options.n_permutations; ++k) {
      random_permutation(options.seed, k, order);
      Design star = d;
      for (Eigen::Index i = 0; i < 24; ++i)
        star.y[i] = z.fitted[i] + z.residuals[order[static_cast<std::size_t>(i)]];
      const double t = fit_ols(star).coefficient("arm[T.active]").t;
      exceed[j] += std::fabs(t) >= std::fabs(r.t_observed[j]);
    }
    EXPECT_DOUBLE_EQ(r.p_uncorrected[j], (1.0 + exceed[j]) / 201.0) << j;
  }
}

TEST(Permutation, BitIdenticalWithOneAndTwoThreads) {
  const BetweenArmPermutationInput in = between_input(40, {0.0, 0.2, 0.4, 0.6, 0.8, 1.0}, 3);
  const auto tests = glm_tests(40, {0.0, 0.3, 0.6}, 4);
  const PermutationOptions options{3000, 123};
  auto run = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return std::pair{permute_between_arms(in, options), permute_glm(tests, options)};
  };
  const auto one = run(1), two = run(2);
  for (const auto& [a, b] :
       {std::pair{&one.first, &two.first}, std::pair{&one.second, &two.second}}) {
    EXPECT_EQ(a->t_observed, b->t_observed);
    EXPECT_EQ(a->p_uncorrected, b->p_uncorrected);
    EXPECT_EQ(a->p_fwe, b->p_fwe);
    EXPECT_EQ(a->max_abs_t, b->max_abs_t);  // exact double equality, element by element
  }
  // A different seed draws different permutations.
  const PermutationResult other = permute_between_arms(in, {3000, 124});
  EXPECT_NE(other.max_abs_t, one.first.max_abs_t);
}

// Normal data, equal arms: the permutation distribution of t approaches Student's t, so with
// 20,000 permutations p_perm ≈ p_param. Allowed: 4 Monte Carlo SEs √(p(1−p)/20000) plus 0.006 for
// the finite-sample difference between the permutation and t distributions at n = 40.
TEST(Permutation, ApproachesParametricPOnNormalData) {
  const std::vector<double> effects = {0.0, 0.3, 0.5, 0.7, 0.9, 1.2};
  BetweenArmPermutationInput in = between_input(40, effects, 5);
  in.variance = TwoSampleVariance::student;
  const PermutationOptions options{20000, 2025};
  const PermutationResult between = permute_between_arms(in, options);
  const PermutationResult glm = permute_glm(glm_tests(40, effects, 6), options);
  for (const PermutationResult* r : {&between, &glm}) {
    for (std::size_t j = 0; j < effects.size(); ++j) {
      const double p = r->p_parametric[j];
      const double allowed = 4.0 * std::sqrt(p * (1.0 - p) / 20000.0) + 0.006;
      EXPECT_NEAR(r->p_uncorrected[j], p, allowed) << r->test_names[j];
      EXPECT_GE(r->p_fwe[j], r->p_uncorrected[j]) << r->test_names[j];
      std::cout << r->test_names[j] << ": parametric " << p << ", permutation "
                << r->p_uncorrected[j] << ", FWE " << r->p_fwe[j] << "\n";
    }
  }
}

// With a single test, max-T is the test itself: FWE p = uncorrected p; p ≥ 1/(N + 1).
TEST(Permutation, SingleTestFweEqualsUncorrected) {
  const BetweenArmPermutationInput in = between_input(20, {3.0}, 7);
  const PermutationResult r = permute_between_arms(in, {999, 1});
  EXPECT_EQ(r.p_fwe[0], r.p_uncorrected[0]);
  EXPECT_GE(r.p_uncorrected[0], 1.0 / 1000.0);
  EXPECT_EQ(r.n_permutations, 999u);
  EXPECT_EQ(r.max_abs_t.size(), 999u);
}
