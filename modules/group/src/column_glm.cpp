// The GLMs of one ROI × measure: `post ~ arm + pre + covariates` (ANCOVA) and
// `change ~ arm + covariates`, reported as statsmodels reports them (stats::fit_ols).
#include "acuroi/stats/error.hpp"
#include "acuroi/stats/ols.hpp"
#include "column_analysis.hpp"

namespace acuroi::group::detail {
namespace {

// The design columns that come from covariate `term` (one numeric column or treatment dummies).
std::vector<std::string> columns_of(const stats::Design& design, const stats::Term& term) {
  std::vector<std::string> names;
  for (const std::string& name : design.column_names)
    if (name == term.column || name.rfind(term.column + "[T.", 0) == 0) names.push_back(name);
  return names;
}

GlmRow f_row(const GlmRow& base, const std::string& term, const stats::FTest& f) {
  GlmRow row = base;
  row.term = term;
  row.kind = "f_test";
  row.statistic = f.f;
  row.df_num = f.df_num;
  row.df_den = f.df_den;
  row.p = f.p;
  return row;
}

void add_fit_rows(const stats::OlsFit& fit, const stats::Design& design,
                  const GroupOptions& options, const GlmRow& base, std::vector<GlmRow>& glm) {
  for (const stats::Coefficient& c : fit.coefficients) {
    GlmRow row = base;
    row.term = c.name;
    row.kind = "coefficient";
    row.estimate = c.estimate;
    row.se = c.se;
    row.statistic = c.t;
    row.df_den = fit.df_resid;
    row.p = c.p;
    row.ci_lower = c.ci_lower;
    row.ci_upper = c.ci_upper;
    glm.push_back(row);
  }
  std::vector<std::string> all_covariates;
  for (const stats::Term& term : covariate_terms(options)) {
    const std::vector<std::string> names = columns_of(design, term);
    all_covariates.insert(all_covariates.end(), names.begin(), names.end());
    if (names.size() >= 2)
      glm.push_back(f_row(base, term.column, stats::f_test_coefficients(fit, names)));
  }
  if (!all_covariates.empty())
    glm.push_back(f_row(base, "covariates", stats::f_test_coefficients(fit, all_covariates)));
  GlmRow model = base;
  model.term = "model";
  model.kind = "model";
  model.statistic = fit.f_value;
  model.df_num = fit.df_model;
  model.df_den = fit.df_resid;
  model.p = fit.f_p;
  model.r_squared = fit.r_squared;
  model.adj_r_squared = fit.adj_r_squared;
  model.sigma2 = fit.sigma2;
  model.log_likelihood = fit.log_likelihood;
  model.aic = fit.aic;
  model.bic = fit.bic;
  glm.push_back(model);
}

}  // namespace

stats::ModelSpec model_spec(const StudyValues& values, const GroupOptions& options,
                            const std::string& model) {
  const std::vector<stats::Term> terms = covariate_terms(options);
  return model == "ancova"
             ? stats::ancova_post_spec("post", "pre", kArmColumn, values.control_arm, terms)
             : stats::change_spec("change", kArmColumn, values.control_arm, terms);
}

std::string arm_coefficient(const StudyValues& values) {
  return std::string(kArmColumn) + "[T." + values.active_arm + "]";
}

void add_column_glm(const StudyValues& values, std::size_t j, const GroupOptions& options,
                    const CovariateColumns& covariates, const std::string& model,
                    std::vector<GlmRow>& glm) {
  const RoiMeasure& column = values.columns[j];
  const std::vector<std::size_t> rows = complete_rows(values, j);
  GlmRow base;
  base.roi = column.roi;
  base.measure = column.measure;
  base.model = model;
  base.n = rows.size();
  const std::string context = "ROI " + column.roi + ", measure " + column.measure + ", " +
                              (model == "ancova" ? "ANCOVA post ~ arm + pre" : "change ~ arm") +
                              (options.covariates.empty() ? "" : " + covariates");
  std::vector<GlmRow> rows_out;
  try {
    stats::with_context(context, [&] {
      const stats::ParticipantTable table =
          participant_table(values, covariates, rows, static_cast<long>(j));
      const stats::Design design = stats::build_design(table, model_spec(values, options, model));
      const stats::OlsFit fit = stats::fit_ols(design, options.confidence);
      add_fit_rows(fit, design, options, base, rows_out);
    });
  } catch (const stats::StatsError& e) {
    GlmRow failed = base;
    failed.term = "model";
    failed.kind = "model";
    failed.status = e.what();
    rows_out = {failed};
  }
  glm.insert(glm.end(), rows_out.begin(), rows_out.end());
}

}  // namespace acuroi::group::detail
