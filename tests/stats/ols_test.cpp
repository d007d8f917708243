// OLS beyond the reference model: the ANCOVA `post ~ arm + pre` against the change model
// (algebraic identities), t contrasts and F tests against the coefficient tests, categorical
// coding, and the model F as the F test of every non-constant coefficient.
#include "acuroi/stats/ols.hpp"
#include "reference_data.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace acuroi::stats;
using stats_test::close;

namespace {
constexpr double kTolerance = 1e-10;
const std::string kArm = "arm[T.acupuncture]";
}  // namespace

// post = change + pre, so regressing post on (const, arm, pre, covariates) gives the same arm
// coefficient, SE, residuals and SSR as regressing change, and the pre coefficient larger by 1.
TEST(Ols, AncovaOnPostEqualsChangeModelWithPre) {
  const auto subjects = stats_test::load_subjects();
  for (const std::string& roi : stats_test::kRois) {
    const ParticipantTable table = stats_test::table_for(subjects, roi);
    const std::vector<Term> covariates = {Term::numeric("age", true),
                                          Term::categorical("sex_level", "0")};
    const OlsFit post =
        fit_ols(build_design(table, ancova_post_spec("post", "pre", "arm", "sham", covariates)));
    ModelSpec change = change_spec("change", "arm", "sham", covariates);
    change.terms.insert(change.terms.begin() + 1, Term::numeric("pre"));
    const OlsFit chg = fit_ols(build_design(table, change));
    EXPECT_TRUE(close(post.coefficient(kArm).estimate, chg.coefficient(kArm).estimate, kTolerance))
        << roi;
    EXPECT_TRUE(close(post.coefficient(kArm).se, chg.coefficient(kArm).se, kTolerance)) << roi;
    EXPECT_TRUE(
        close(post.coefficient("pre").estimate, chg.coefficient("pre").estimate + 1.0, kTolerance))
        << roi;
    EXPECT_TRUE(close(post.ssr, chg.ssr, kTolerance)) << roi;
    EXPECT_TRUE(close(post.log_likelihood, chg.log_likelihood, kTolerance)) << roi;
    EXPECT_EQ(post.coefficients[1].name, kArm);
    EXPECT_EQ(post.coefficients.back().name, "sex_level[T.1]");
  }
}

TEST(Ols, ContrastsAndFTestsAgreeWithCoefficientTests) {
  const auto subjects = stats_test::load_subjects();
  const ParticipantTable table = stats_test::table_for(subjects, "S1");
  const OlsFit fit = fit_ols(build_design(
      table,
      change_spec("change", "arm", "sham",
                  {Term::numeric("age", true), Term::numeric("sex"), Term::numeric("pre")})));
  const std::size_t j = fit.index_of(kArm);
  Eigen::VectorXd c = Eigen::VectorXd::Zero(fit.params.size());
  c[static_cast<Eigen::Index>(j)] = 1.0;
  const ContrastTest t = t_contrast(fit, c);
  const Coefficient& arm = fit.coefficient(kArm);
  EXPECT_TRUE(close(t.estimate, arm.estimate, kTolerance));
  EXPECT_TRUE(close(t.t, arm.t, kTolerance));
  EXPECT_TRUE(close(t.p, arm.p, kTolerance));
  EXPECT_TRUE(close(t.ci_lower, arm.ci_lower, kTolerance));
  const FTest f = f_test(fit, c.transpose());
  EXPECT_TRUE(close(f.f, arm.t * arm.t, kTolerance));
  EXPECT_TRUE(close(f.p, arm.p, kTolerance));
  // Joint test of all slopes = the model F.
  const FTest all = f_test_coefficients(fit, {kArm, "age", "sex", "pre"});
  EXPECT_TRUE(close(all.f, fit.f_value, kTolerance));
  EXPECT_TRUE(close(all.p, fit.f_p, kTolerance));
  // A difference contrast: arm − sex, var = v_aa + v_ss − 2 v_as.
  Eigen::VectorXd d = c;
  d[static_cast<Eigen::Index>(fit.index_of("sex"))] = -1.0;
  const ContrastTest diff = t_contrast(fit, d);
  const auto a = static_cast<Eigen::Index>(j), s = static_cast<Eigen::Index>(fit.index_of("sex"));
  const double var = fit.sigma2 * (fit.normalized_cov(a, a) + fit.normalized_cov(s, s) -
                                   2 * fit.normalized_cov(a, s));
  EXPECT_TRUE(close(diff.se, std::sqrt(var), kTolerance));
  EXPECT_TRUE(close(diff.estimate, fit.params[a] - fit.params[s], kTolerance));
}

// A three-level categorical with a chosen reference: its dummies reproduce the group means.
TEST(Ols, CategoricalTreatmentCodingWithReference) {
  ParticipantTable t;
  t.participant_ids = {"a", "b", "c", "d", "e", "f", "g"};
  t.categorical["site"] = {"x", "y", "z", "x", "y", "z", "z"};
  t.numeric["value"] = {1.0, 2.0, 4.0, 1.5, 2.5, 5.0, 6.0};
  const OlsFit fit = fit_ols(build_design(t, {"value", {Term::categorical("site", "y")}}));
  ASSERT_EQ(fit.coefficients.size(), 3u);
  EXPECT_EQ(fit.coefficients[1].name, "site[T.x]");
  EXPECT_EQ(fit.coefficients[2].name, "site[T.z]");
  EXPECT_TRUE(close(fit.params[0], 2.25, kTolerance));         // mean of y
  EXPECT_TRUE(close(fit.params[1], 1.25 - 2.25, kTolerance));  // mean x − mean y
  EXPECT_TRUE(close(fit.params[2], 5.0 - 2.25, kTolerance));   // mean z − mean y
  // SSR = within-group sums of squares: x 0.125, y 0.125, z 2.
  EXPECT_TRUE(close(fit.ssr, 2.25, kTolerance));
}
