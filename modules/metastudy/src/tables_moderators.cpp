// Moderator tables (subgroups, tests for subgroup differences, meta-regression) and the binary
// pooling table (Mantel-Haenszel, Peto).
#include <cmath>

#include "result_tables.hpp"

namespace acuroi::metastudy::detail {
namespace {
constexpr double na = EffectRow::na;
}

ColumnTable subgroups_table(const std::vector<PairPool>& pools) {
  ColumnTable t("subgroups", {{"roi", 's'},      {"measure", 's'}, {"moderator", 's'}, {"level", 's'},
                              {"k", 'i'},        {"estimate", 'f'}, {"se", 'f'},       {"statistic", 'f'},
                              {"pval", 'f'},     {"ci_lb", 'f'},   {"ci_ub", 'f'},     {"tau2", 'f'},
                              {"QE", 'f'},       {"QEp", 'f'},     {"I2", 'f'}});
  for (const PairPool& p : pools) {
    if (!p.subgroups) continue;
    const meta::SubgroupAnalysis& a = p.subgroups->analysis;
    for (std::size_t g = 0; g < a.levels.size(); ++g) {
      const meta::RmaFit& f = a.per_level[g];
      t.add_row({p.roi, p.measure, p.subgroups->moderator, a.levels[g], static_cast<long>(f.k), f.beta(0), f.se(0),
                 f.stat(0), f.pval(0), f.ci_lb(0), f.ci_ub(0), f.tau2, f.QE, f.QEp, f.I2});
    }
  }
  return t;
}

ColumnTable subgroup_tests_table(const std::vector<PairPool>& pools) {
  ColumnTable t("subgroup_tests", {{"roi", 's'},
                                   {"measure", 's'},
                                   {"moderator", 's'},
                                   {"test", 's'},
                                   {"k", 'i'},
                                   {"statistic", 'f'},
                                   {"df1", 'f'},
                                   {"df2", 'f'},
                                   {"pval", 'f'},
                                   {"tau2", 'f'}});
  for (const PairPool& p : pools) {
    if (!p.subgroups) continue;
    const meta::SubgroupAnalysis& a = p.subgroups->analysis;
    const long k = static_cast<long>(p.subgroups->rows.size());
    t.add_row({p.roi, p.measure, p.subgroups->moderator, "separate_tau2_Q_between", k, a.Q_between, a.Q_between_df,
               na, a.Q_between_p, na});
    const meta::RmaFit& c = a.common_tau2;
    t.add_row({p.roi, p.measure, p.subgroups->moderator, std::isnan(c.QMdf2) ? "common_tau2_QM" : "common_tau2_F", k,
               c.QM, static_cast<double>(c.QMdf1), c.QMdf2, c.QMp, c.tau2});
  }
  return t;
}

ColumnTable regression_table(const std::vector<PairPool>& pools) {
  ColumnTable t("regression",
                {{"roi", 's'},    {"measure", 's'},   {"term", 's'},      {"k", 'i'},       {"estimate", 'f'},
                 {"se", 'f'},     {"statistic", 'f'}, {"df", 'f'},        {"pval", 'f'},    {"ci_lb", 'f'},
                 {"ci_ub", 'f'},  {"p_permutation", 'f'}, {"QM", 'f'},    {"QM_df1", 'f'},  {"QM_df2", 'f'},
                 {"QMp", 'f'},    {"QMp_permutation", 'f'}, {"R2", 'f'},  {"tau2", 'f'},    {"QE", 'f'},
                 {"QEp", 'f'}});
  for (const PairPool& p : pools) {
    if (!p.regression) continue;
    const meta::RmaFit& f = p.regression->fit;
    const auto& perm = p.regression->permutation;
    for (std::size_t j = 0; j < f.p; ++j) {
      const auto jj = static_cast<Eigen::Index>(j);
      t.add_row({p.roi, p.measure, f.coef_names[j], static_cast<long>(f.k), f.beta(jj), f.se(jj), f.stat(jj), f.ddf,
                 f.pval(jj), f.ci_lb(jj), f.ci_ub(jj), perm ? perm->pval.at(j) : na, f.QM,
                 static_cast<double>(f.QMdf1), f.QMdf2, f.QMp, perm ? perm->QMp : na, f.R2, f.tau2, f.QE, f.QEp});
    }
  }
  return t;
}

ColumnTable binary_table(const std::vector<PairPool>& pools) {
  ColumnTable t("binary_pooling",
                {{"roi", 's'},  {"measure", 's'}, {"method", 's'}, {"effect_measure", 's'}, {"k", 'i'},
                 {"estimate", 'f'}, {"se", 'f'},  {"zval", 'f'},   {"pval", 'f'},  {"ci_lb", 'f'},  {"ci_ub", 'f'},
                 {"QE", 'f'},   {"QEp", 'f'},     {"I2", 'f'},     {"H2", 'f'},    {"CMH", 'f'},    {"CMHp", 'f'},
                 {"BD", 'f'},   {"BDp", 'f'},     {"TA", 'f'},     {"TAp", 'f'}});
  for (const PairPool& p : pools) {
    if (p.mantel_haenszel) {
      const meta::MantelHaenszel& m = *p.mantel_haenszel;
      t.add_row({p.roi, p.measure, "mantel_haenszel", meta::to_string(p.effect_measure),
                 static_cast<long>(m.k), m.beta, m.se, m.zval, m.pval, m.ci_lb, m.ci_ub, m.QE, m.QEp, m.I2, m.H2,
                 m.MH, m.MHp, m.BD, m.BDp, m.TA, m.TAp});
    }
    if (p.peto) {
      const meta::Peto& m = *p.peto;
      t.add_row({p.roi, p.measure, "peto", "OR", static_cast<long>(m.k), m.beta, m.se, m.zval, m.pval, m.ci_lb,
                 m.ci_ub, m.QE, m.QEp, m.I2, m.H2, na, na, na, na, na, na});
    }
  }
  return t;
}

}  // namespace acuroi::metastudy::detail
