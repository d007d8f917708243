// Bad input and edge cases (each a defined result or a clear error), internal consistency of the
// two design paths, the bracketed fallback, the study-table loader and the permutation test.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "acuroi/core/error.hpp"
#include "acuroi/meta/heterogeneity.hpp"
#include "acuroi/meta/permutation.hpp"
#include "acuroi/meta/pool_map.hpp"
#include <random>
#include "acuroi/meta/predict.hpp"
#include "acuroi/meta/report.hpp"
#include "acuroi/meta/study_table.hpp"
#include "acuroi/meta/summary_row.hpp"
#include "reference_data.hpp"
#include "study_sets.hpp"

namespace acuroi::meta::testing {
namespace {

double ref_value(const std::string& ds, const std::string& an, const std::string& q, const std::string& idx = "") {
  for (const ReferenceRow& r : reference().at({ds, an}))
    if (r.quantity == q && r.index == idx) return r.value;
  throw std::runtime_error("no reference " + an + "/" + q);
}

TEST(MetaEdgeCases, SingleStudyIsDefined) {
  Eigen::VectorXd y(1), v(1);
  y << 0.4;
  v << 0.04;
  RmaOptions o;
  o.test = TestType::knha;
  const RmaFit f = fit_rma(y, v, o);  // metafor: tau^2 = 0, test switched to z, Q = 0
  EXPECT_TRUE(f.k_is_one);
  EXPECT_EQ(f.test, TestType::z);
  EXPECT_DOUBLE_EQ(f.beta(0), 0.4);
  EXPECT_DOUBLE_EQ(f.se(0), 0.2);
  EXPECT_EQ(f.tau2, 0.0);
  EXPECT_EQ(f.QE, 0.0);
  EXPECT_EQ(f.QEp, 1.0);
  EXPECT_EQ(f.I2, 0.0);
  EXPECT_THROW(confint_tau2(f), core::InputError);
}

TEST(MetaEdgeCases, NonPositiveOrNaNVariancesAreErrors) {
  Eigen::VectorXd y(3), v(3);
  y << 0.1, 0.2, 0.3;
  for (double bad : {0.0, -0.01, std::nan("")}) {
    v << 0.01, bad, 0.02;
    try {
      fit_rma(y, v);
      FAIL() << "accepted vi = " << bad;
    } catch (const core::InputError& e) {
      EXPECT_EQ(e.field(), "vi[2]");
    }
  }
  v << 0.01, 0.01, 0.02;
  y(2) = std::nan("");
  EXPECT_THROW(fit_rma(y, v), core::InputError);
}

TEST(MetaEdgeCases, TooFewStudiesForTheModelIsAnError) {
  Eigen::VectorXd y(2), v(2);
  y << 0.1, 0.2;
  v << 0.01, 0.02;
  Moderators m;
  m.values = Eigen::MatrixXd(2, 1);
  m.values << 1, 2;
  m.names = {"x"};
  EXPECT_THROW(fit_rma(y, v, m), core::InputError);  // 3 parameters (2 + tau^2) > 2 studies
}

TEST(MetaEdgeCases, AllIdenticalEffectsGiveZeroHeterogeneity) {
  Eigen::VectorXd y = Eigen::VectorXd::Constant(6, 0.25), v(6);
  v << 0.01, 0.02, 0.03, 0.015, 0.05, 0.02;
  for (Tau2Method m : {Tau2Method::FE, Tau2Method::DL, Tau2Method::HE, Tau2Method::HS, Tau2Method::SJ, Tau2Method::ML,
                       Tau2Method::REML, Tau2Method::EB, Tau2Method::PM}) {
    RmaOptions o;
    o.method = m;
    const RmaFit f = fit_rma(y, v, o);
    EXPECT_EQ(f.tau2, 0.0) << to_string(m);
    EXPECT_NEAR(f.beta(0), 0.25, 1e-15);
    EXPECT_NEAR(f.QE, 0.0, 1e-25);
    EXPECT_EQ(f.I2, 0.0);
  }
  RmaOptions hk;
  hk.test = TestType::knha;
  EXPECT_EQ(fit_rma(y, v, hk).s2w, 0.0);  // metafor: RSS <= eps -> scale 0
  hk.test = TestType::adhoc;
  EXPECT_EQ(fit_rma(y, v, hk).s2w, 1.0);
}

TEST(MetaConsistency, InterceptPathEqualsModelMatrixPath) {
  const StudySet s = study_set("bcg", "logRR");
  for (Tau2Method m : {Tau2Method::DL, Tau2Method::HE, Tau2Method::HS, Tau2Method::SJ, Tau2Method::ML,
                       Tau2Method::REML, Tau2Method::EB, Tau2Method::PM}) {
    RmaOptions o;
    o.method = m;
    o.control = FitControl::tight();
    const RmaFit a = fit_rma(s.yi, s.vi, o);
    // same model through the general path: intercept plus a zero-effect copy of the intercept is
    // rank deficient, so use an explicit k x 1 matrix through fit_rma_matrix's general design
    Eigen::MatrixXd X = Eigen::MatrixXd::Ones(s.yi.size(), 2);
    X.col(1) = Eigen::VectorXd::LinSpaced(s.yi.size(), -1, 1);
    const RmaFit b = fit_rma_matrix(s.yi, s.vi, X, {"intrcpt", "x"}, o);
    EXPECT_TRUE(std::isfinite(b.tau2)) << to_string(m);
    EXPECT_NEAR(a.QE, fit_rma_matrix(s.yi, s.vi, Eigen::MatrixXd::Ones(s.yi.size(), 1), {"intrcpt"}, o).QE, 1e-12);
  }
}

TEST(MetaConsistency, BracketedFallbackFindsTheSameRoot) {
  const StudySet s = study_set("bcg", "logRR");
  for (Tau2Method m : {Tau2Method::ML, Tau2Method::REML, Tau2Method::EB}) {
    RmaOptions o;
    o.method = m;
    o.control.maxiter = 1;  // Fisher scoring cannot converge in one step
    o.control.threshold = 1e-12;
    const RmaFit f = fit_rma(s.yi, s.vi, o);
    EXPECT_TRUE(f.used_fallback) << to_string(m);
    const std::string an = "logRR_" + to_string(m) + "_tight";
    EXPECT_NEAR(f.tau2, ref_value("bcg", an, "tau2"), 1e-6 * ref_value("bcg", an, "tau2")) << to_string(m);
    o.control.bracketed_fallback = false;
    EXPECT_THROW(fit_rma(s.yi, s.vi, o), core::InputError);
  }
}

TEST(MetaPrediction, HigginsIntervalUsesTWithKMinus2) {
  const StudySet s = study_set("bcg", "logRR");
  const RmaFit f = fit_rma(s.yi, s.vi);
  const Prediction h = predict(f, PredictionDf::higgins_k_minus_2);
  // qt(0.975, 11) as R computes it, read off metafor's knha meta-regression (ddf = 11)
  const std::string an = "metareg_ablat_REML_knha";
  const double t_11 = (ref_value("bcg", an, "beta", "intrcpt") - ref_value("bcg", an, "ci.lb", "intrcpt")) /
                      ref_value("bcg", an, "se", "intrcpt");
  const double half = t_11 * std::sqrt(f.se(0) * f.se(0) + f.tau2);
  EXPECT_NEAR(h.pi_lb, f.beta(0) - half, 1e-12);
  EXPECT_NEAR(h.pi_ub, f.beta(0) + half, 1e-12);
  EXPECT_EQ(h.pi_df, 11);
}

TEST(MetaEffectSizes, GenericFromCiAndP) {
  const EffectSize a = generic_from_ci(0.5, 0.5 - 1.959963984540054 * 0.2, 0.5 + 1.959963984540054 * 0.2);
  EXPECT_NEAR(a.vi, 0.04, 1e-14);
  const EffectSize b = generic_from_p(0.5, 0.012419330651552318);  // 2*pnorm(-2.5)
  EXPECT_NEAR(b.vi, 0.04, 1e-12);
  EXPECT_NEAR(hedges_j(20, HedgesCorrection::approximate), 1 - 3.0 / 79, 1e-15);
}

TEST(MetaEffectSizes, ZeroCellsGetHalfAddedOnlyWhereZero) {
  const std::vector<Table2x2> t = {{0, 10, 3, 7}, {2, 8, 3, 7}};
  const auto es = escalc_2x2(Measure::OR, t);
  EXPECT_NEAR(es[0].yi, std::log((0.5 * 7.5) / (10.5 * 3.5)), 1e-14);
  EXPECT_NEAR(es[1].yi, std::log((2.0 * 7) / (8.0 * 3)), 1e-14);
  EscalcOptions none;
  none.to = ZeroCellCorrection::none;
  EXPECT_TRUE(std::isinf(escalc_2x2(Measure::OR, t, none)[0].yi));
  EscalcOptions all;
  all.to = ZeroCellCorrection::all;
  EXPECT_NEAR(escalc_2x2(Measure::OR, t, all)[1].yi, std::log((2.5 * 7.5) / (8.5 * 3.5)), 1e-14);
}

TEST(MetaStudyTable, BcgTableMatchesMetafor) {
  StudyTableOptions o;
  o.measure = Measure::RR;
  o.mods = {"ablat"};
  o.subgroup = "alloc";
  const StudyRecords s = load_study_table(data_dir() + "/bcg_escalc.csv", o);
  ASSERT_EQ(s.yi.size(), 13);
  for (Eigen::Index i = 0; i < 13; ++i) {
    EXPECT_NEAR(s.yi(i), ref_value("bcg", "escalc", "RR/yi", std::to_string(i + 1)), 1e-14);
    EXPECT_NEAR(s.vi(i), ref_value("bcg", "escalc", "RR/vi", std::to_string(i + 1)), 1e-14);
  }
  EXPECT_EQ(s.labels[0], "1");
  EXPECT_EQ(s.subgroups[2], "random");
  RmaOptions ro;
  ro.control = FitControl::tight();
  const RmaFit f = fit_rma(s.yi, s.vi, s.moderators, ro);
  EXPECT_NEAR(f.beta(1), ref_value("bcg", "metareg_ablat_REML", "beta", "bcg$ablat"), 1e-8);
}

TEST(MetaStudyTable, ARowWithTooLittleNamesRowAndColumns) {
  const std::string text = "study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,1,2,10,0.5,2,12\nB,1,,10,0.5,NA,12\n";
  StudyTableOptions o;
  o.measure = Measure::SMD;
  try {
    parse_study_table(text, true, "studies.csv", o);
    FAIL() << "accepted a row without SDs";
  } catch (const core::InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("data row 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("sd1i, sd2i"), std::string::npos) << msg;
  }
  o.measure = Measure::GEN;
  EXPECT_THROW(parse_study_table("yi,vi\n0.1,0.01\n0.2,\n", true, "gen.csv", o), core::InputError);
  const StudyRecords g = parse_study_table("yi,sei,ci.lb,ci.ub\n0.1,0.1,,\n0.2,,0.0,0.4\n", true, "gen.csv", o);
  EXPECT_NEAR(g.vi(0), 0.01, 1e-15);
  EXPECT_NEAR(g.vi(1), std::pow(0.4 / (2 * 1.959963984540054), 2), 1e-12);
}

TEST(MetaPermutation, SeededAndDeterministic) {
  const StudySet s = study_set("bcg", "logRR");
  const Csv c = read_csv(data_dir() + "/bcg.csv");
  Moderators m;
  const auto ablat = c.numbers("ablat");
  m.values = Eigen::Map<const Eigen::VectorXd>(ablat.data(), static_cast<Eigen::Index>(ablat.size()));
  m.names = {"ablat"};
  RmaOptions o;
  o.method = Tau2Method::DL;
  const RmaFit f = fit_rma(s.yi, s.vi, m, o);
  const PermutationTest a = permutation_test(f, 200, 7), b = permutation_test(f, 200, 7);
  EXPECT_EQ(a.pval, b.pval);
  EXPECT_EQ(a.QMp, b.QMp);
  EXPECT_LT(a.pval[1], 0.05);  // ablat is a strong moderator (metafor permutest: p ~ 0.002)
  EXPECT_GE(a.pval[1], 1.0 / 201);
}

TEST(MetaSummary, FlagsFollowTheirDefinitions) {
  const StudySet s = study_set("bcg", "logRR");
  const RmaFit f = fit_rma(s.yi, s.vi);
  const SummaryRow r = summarise("ACC", "alff", f, 357347);
  EXPECT_EQ(r.k, 13u);
  EXPECT_FALSE(r.ci_includes_zero);                 // CI [-1.07, -0.36]
  EXPECT_TRUE(r.I2_over_50);                        // I2 = 92 %
  EXPECT_TRUE(r.pi_includes_zero);                  // PI [-1.87, 0.44]
  EXPECT_TRUE(r.inconsistency());
  EXPECT_NEAR(r.egger_p, ref_value("bcg", "logRR_egger_classic_lm", "pval"), 1e-10);
}

TEST(MetaPoolMap, EqualsFitRmaAndPredict) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> var(0.01, 0.3);
  std::normal_distribution<double> z(0, 1);
  const std::size_t pools = 60, k = 9;
  std::vector<double> y(pools * k), v(pools * k);
  for (std::size_t i = 0; i < y.size(); ++i) {
    v[i] = var(rng);
    y[i] = 0.2 + 0.3 * z(rng) * (i % 3 == 0) + std::sqrt(v[i]) * z(rng);
  }
  for (Tau2Method m : {Tau2Method::FE, Tau2Method::DL, Tau2Method::HE, Tau2Method::HS, Tau2Method::SJ, Tau2Method::ML,
                       Tau2Method::REML, Tau2Method::EB, Tau2Method::PM})
    for (TestType t : {TestType::z, TestType::knha, TestType::adhoc, TestType::t}) {
      RmaOptions o;
      o.method = m;
      o.test = t;
      const std::vector<PoolSummary> out = pool_many(y.data(), v.data(), pools, k, o);
      for (std::size_t p = 0; p < pools; ++p) {
        const Eigen::Map<const Eigen::VectorXd> yp(y.data() + p * k, k), vp(v.data() + p * k, k);
        const RmaFit f = fit_rma(yp, vp, o);
        const Prediction pr = predict(f);
        const PoolSummary& s = out[p];
        ASSERT_TRUE(s.converged);
        for (auto [a, b] : {std::pair{s.estimate, f.beta(0)}, {s.se, f.se(0)}, {s.pval, f.pval(0)}, {s.ci_lb, f.ci_lb(0)},
                            {s.pi_ub, pr.pi_ub}, {s.tau2, f.tau2}, {s.I2, f.I2}, {s.QE, f.QE}, {s.QEp, f.QEp}})
          EXPECT_NEAR(a, b, 1e-12 * std::max(1.0, std::abs(b))) << to_string(m) << "/" << to_string(t) << " pool " << p;
      }
    }
  const double bad_v[2] = {0.01, 0.0}, bad_y[2] = {0.1, 0.2};
  EXPECT_FALSE(pool_summary(bad_y, bad_v, 2, RmaOptions{}).converged);
}

}  // namespace
}  // namespace acuroi::meta::testing
