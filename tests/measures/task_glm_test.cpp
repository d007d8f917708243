// Task GLM: HRF against a scipy.stats.gamma spm_hrf (1e-10), design matrix against an independent
// numpy construction (1e-10), betas / SE / t / contrast / PSC against numpy lstsq with OLS and
// AR(1) prewhitening (1e-8); events outside the run.
#include "acuroi/measures/task_glm.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/measures/hrf.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {
namespace {

const std::vector<TaskEvent> kEvents{{10.0, 20.0, "needle"},  {40.0, 20.0, "rest_cue"},
                                     {70.0, 20.0, "needle"},  {100.0, 0.0, "rest_cue"},
                                     {133.3, 12.7, "needle"}, {170.0, 15.0, "rest_cue"},
                                     {205.05, 0.3, "needle"}};

nlohmann::json events_json(const std::vector<TaskEvent>& events) {
  nlohmann::json out = nlohmann::json::array();
  for (const TaskEvent& e : events)
    out.push_back({{"onset", e.onset_seconds},
                   {"duration", e.duration_seconds},
                   {"trial_type", e.trial_type}});
  return out;
}

void check_against_numpy(const DesignOptions& options, bool ar1, const std::string& tag) {
  const Eigen::MatrixXd confounds = random_matrix(options.volume_count, 2, 77);
  const DesignMatrix design = build_task_design(kEvents, options, confounds, {"trans_x", "rot_z"});
  ASSERT_EQ(design.conditions, (std::vector<std::string>{"needle", "rest_cue"}));
  // Series: a known response plus AR(1) noise around a baseline of 800.
  Eigen::VectorXd truth = Eigen::VectorXd::Zero(design.matrix.cols());
  truth(design.condition_columns[0]) = 12.0;
  truth(design.condition_columns[1]) = 4.0;
  truth(design.intercept_column) = 800.0;
  const Eigen::MatrixXd innovations = random_matrix(options.volume_count, 1, 78, 0.0, 3.0);
  Eigen::VectorXd noise = innovations.col(0);
  for (Eigen::Index t = 1; t < noise.size(); ++t) noise(t) += 0.4 * noise(t - 1);
  const Eigen::VectorXd series = design.matrix * truth + noise;
  Eigen::VectorXd contrast = Eigen::VectorXd::Zero(design.matrix.cols());
  contrast(design.condition_columns[0]) = 1.0;
  contrast(design.condition_columns[1]) = -1.0;
  const double hrf_dt = 0.5;
  const nlohmann::json ref = run_reference(
      {{"tr", options.repetition_time_seconds},
       {"volumes", options.volume_count},
       {"slice_time_reference", options.slice_time_reference},
       {"events", events_json(kEvents)},
       {"derivative", options.temporal_derivative},
       {"drift", options.drift == DriftModel::cosine ? "cosine" : "polynomial"},
       {"order", options.polynomial_order},
       {"confounds", to_json(confounds)},
       {"series", std::vector<double>(series.data(), series.data() + series.size())},
       {"ar1", ar1},
       {"contrast", std::vector<double>(contrast.data(), contrast.data() + contrast.size())},
       {"hrf_dt", hrf_dt}},
      tag, "glm_reference.py");

  const Eigen::VectorXd hrf = spm_canonical_hrf(hrf_dt);
  const Eigen::VectorXd derivative = spm_hrf_temporal_derivative(hrf_dt);
  ASSERT_EQ(hrf.size(), static_cast<Eigen::Index>(ref["hrf"].size()));
  for (Eigen::Index k = 0; k < hrf.size(); ++k) {
    expect_close(hrf(k), ref["hrf"][k].get<double>(), 1e-10, "hrf");
    expect_close(derivative(k), ref["hrf_derivative"][k].get<double>(), 1e-10, "hrf derivative");
  }
  expect_matrix_close(design.matrix, matrix_from_json(ref["design"]), 1e-10, tag + " design");
  const GlmFit fit = fit_glm(series, design.matrix, GlmOptions{ar1});
  expect_close(fit.ar1_rho, ref["rho"].get<double>(), 1e-8, tag + " rho");
  for (Eigen::Index p = 0; p < fit.beta.size(); ++p) {
    expect_close(fit.beta(p), ref["beta"][p].get<double>(), 1e-8, tag + " beta");
    const ContrastEstimate single =
        estimate_contrast(fit, Eigen::VectorXd::Unit(fit.beta.size(), p));
    expect_close(single.standard_error, ref["se"][p].get<double>(), 1e-8, tag + " se");
    expect_close(single.t, ref["t"][p].get<double>(), 1e-8, tag + " t");
  }
  const ContrastEstimate difference = estimate_contrast(fit, contrast);
  expect_close(difference.estimate, ref["contrast"][0].get<double>(), 1e-8, tag + " contrast");
  expect_close(difference.standard_error, ref["contrast"][1].get<double>(), 1e-8, tag + " c se");
  expect_close(difference.t, ref["contrast"][2].get<double>(), 1e-8, tag + " c t");
  const std::vector<ConditionEstimate> conditions = condition_estimates(fit, design);
  ASSERT_EQ(conditions.size(), 2u);
  for (std::size_t c = 0; c < 2; ++c)
    expect_close(conditions[c].percent_signal_change, ref["psc"][c].get<double>(), 1e-8,
                 tag + " psc");
  EXPECT_GT(conditions[0].t, 5.0);  // the planted response is found
}

}  // namespace

TEST(MeasuresTaskGlm, HrfHasSpmCanonicalShape) {
  const double dt = 0.1;
  const Eigen::VectorXd hrf = spm_canonical_hrf(dt);
  Eigen::Index peak = 0, trough = 0;
  hrf.maxCoeff(&peak);
  hrf.minCoeff(&trough);
  EXPECT_NEAR(peak * dt, 5.0, 0.25);     // SPM: peak ~5 s
  EXPECT_NEAR(trough * dt, 15.5, 0.75);  // SPM: undershoot ~15-16 s
  EXPECT_NEAR(hrf.sum(), 1.0, 1e-12);
  EXPECT_EQ(hrf(0), 0.0);
}

TEST(MeasuresTaskGlm, OlsCosineDriftMatchesNumpy) {
  check_against_numpy(DesignOptions{2.0, 120, 0.0, 16, false, DriftModel::cosine, 128.0, 1}, false,
                      "ols");
}

TEST(MeasuresTaskGlm, Ar1PolynomialDerivativeMatchesNumpy) {
  check_against_numpy(DesignOptions{2.0, 120, 0.5, 16, true, DriftModel::polynomial, 128.0, 2},
                      true, "ar1");
}

TEST(MeasuresTaskGlm, EventsOutsideTheRunAreWarnedOrRejected) {
  const DesignOptions options{2.0, 50, 0.0, 16, false, DriftModel::cosine, 128.0, 1};
  const DesignMatrix design = build_task_design(
      {{10.0, 5.0, "needle"}, {150.0, 5.0, "needle"}, {120.0, 2.0, "late"}}, options);
  EXPECT_EQ(design.conditions, std::vector<std::string>{"needle"});
  ASSERT_EQ(design.warnings.size(), 2u);
  EXPECT_NE(design.warnings[0].find("after the run ends"), std::string::npos);
  EXPECT_THROW(build_task_design({{-1.0, 5.0, "needle"}}, options), core::InputError);
  EXPECT_THROW(build_task_design({{1.0, -5.0, "needle"}}, options), core::InputError);
  EXPECT_THROW(fit_glm(Eigen::VectorXd::Zero(49), design.matrix), core::InputError);
  EXPECT_THROW(estimate_contrast(fit_glm(random_matrix(50, 1, 3).col(0), design.matrix),
                                 Eigen::VectorXd::Ones(1)),
               core::InputError);
}

}  // namespace acuroi::measures::test
