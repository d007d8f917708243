// Random/mixed-effects meta-analysis and meta-regression, as metafor 3.8.1 `rma.uni` (defaults and
// definitions identical): tau^2 estimators FE, DL, HE, HS, SJ, ML, REML (default), EB, PM; tests z,
// Hartung-Knapp-Sidik-Jonkman (`knha`, untruncated; `adhoc`, scale truncated at 1) and t; Q, I^2, H^2,
// pseudo-R^2, QM, fit statistics. Memory is O(k p): no k x k matrix is ever formed.
//
//   RmaOptions o;                       // REML, test z, level 95
//   o.test = TestType::knha;
//   RmaFit fit = fit_rma(yi, vi, o);    // fit.beta(0), fit.se(0), fit.tau2, fit.I2, ...
//
// Units: yi on the effect-size scale, vi its sampling variance; I2, R2 and weights in percent.
#pragma once
#include <Eigen/Dense>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace acuroi::meta {

enum class Tau2Method { FE, DL, HE, HS, SJ, ML, REML, EB, PM };
enum class TestType { z, knha, adhoc, t };

std::string to_string(Tau2Method method);
std::string to_string(TestType test);
Tau2Method parse_tau2_method(const std::string& name);  // throws core::ConfigError
TestType parse_test_type(const std::string& name);

// metafor's `control`: defaults reproduce metafor's iterates exactly (threshold 1e-5, maxiter 100,
// uniroot tol .Machine$double.eps^0.25). tight() is the reference's `_tight` setting (1e-12).
struct FitControl {
  double threshold = 1e-5;
  int maxiter = 100;
  double tol = 1.220703125e-4;  // DBL_EPSILON^0.25
  double stepadj = 1.0;
  double tau2_min = 0.0;
  std::optional<double> tau2_max;  // default max(100, 10 * mad(yi)^2) as metafor
  bool ll0check = true;
  // When Fisher scoring does not converge (metafor stops with an error), solve the estimating
  // equation by bracketing on [tau2_min, tau2_max] instead; recorded in RmaFit::used_fallback.
  bool bracketed_fallback = true;
  static FitControl tight() {
    FitControl c;
    c.threshold = 1e-12;
    c.tol = 1e-12;
    c.maxiter = 10000;
    return c;
  }
};

struct RmaOptions {
  Tau2Method method = Tau2Method::REML;
  TestType test = TestType::z;
  double level = 95.0;  // percent
  FitControl control;
};

// Moderators without the intercept column (fit_rma adds it, as rma(mods=...)).
struct Moderators {
  Eigen::MatrixXd values;          // k x m
  std::vector<std::string> names;  // m names
};

// metafor's fit.stats: one column for ML, one for REML; `reported()` is the one print() shows.
struct FitStatistics {
  double logLik = 0, deviance = 0, AIC = 0, BIC = 0, AICc = 0;
};

struct RmaFit {
  Tau2Method method = Tau2Method::REML;
  TestType test = TestType::z;
  double level = 95.0;
  std::size_t k = 0, p = 0;
  bool int_only = true;
  std::vector<std::string> coef_names;  // "intrcpt", then moderator names
  Eigen::VectorXd beta, se, stat, pval, ci_lb, ci_ub;  // stat is z or t
  Eigen::MatrixXd vb;
  double tau2 = 0, se_tau2 = std::numeric_limits<double>::quiet_NaN();
  double QE = 0, QEp = 1;
  int df_QE = 0;
  double I2 = 0, H2 = 1, vt = 0;      // metafor's: (Q-df)/Q for FE, tau^2-based otherwise
  double I2_Q_based = 0;              // (Q - df)/Q truncated at 0, whatever the method
  double s2w = 1;                     // Knapp-Hartung scale (1 unless knha/adhoc)
  double ddf = std::numeric_limits<double>::quiet_NaN();  // t df (NaN under z)
  double QM = 0, QMp = 1;
  int QMdf1 = 0;
  double QMdf2 = std::numeric_limits<double>::quiet_NaN();
  double R2 = std::numeric_limits<double>::quiet_NaN();  // pseudo-R^2 (%), models with moderators
  FitStatistics fit_ML, fit_REML;
  const FitStatistics& reported_fit() const { return method == Tau2Method::REML ? fit_REML : fit_ML; }
  Eigen::VectorXd weights_pct;  // 100 w_i / sum w
  int iterations = 0;
  bool converged = true;
  bool used_fallback = false;
  bool k_is_one = false;  // k = 1: tau2 = 0, z test, Q = 0 (metafor's behaviour)
  RmaOptions options;
  // Inputs kept for follow-up analyses (confint, predict, leave-one-out, ...).
  Eigen::VectorXd yi, vi;
  Eigen::MatrixXd X;  // empty when intercept-only
};

// Throws core::InputError for non-finite yi/vi, vi <= 0, k = 0, or more parameters than studies.
RmaFit fit_rma(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, const RmaOptions& options = {});
RmaFit fit_rma(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, const Moderators& mods,
               const RmaOptions& options = {});
// With a full model matrix (first column must be the intercept when `intercept_first`).
RmaFit fit_rma_matrix(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi, const Eigen::MatrixXd& X,
                      std::vector<std::string> coef_names, const RmaOptions& options = {});

}  // namespace acuroi::meta
