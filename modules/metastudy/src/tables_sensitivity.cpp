// Sensitivity and small-study tables: leave-one-out, influence, cumulative, Egger/Begg/trim-and-fill,
// and the studies trim-and-fill filled in.
#include <cmath>

#include "result_tables.hpp"

namespace acuroi::metastudy::detail {
namespace {
constexpr double na = EffectRow::na;

std::vector<std::pair<std::string, char>> refit_columns(const char* first, const char* second) {
  std::vector<std::pair<std::string, char>> c = {{"roi", 's'}, {"measure", 's'}};
  if (std::string(first) == "step") c.emplace_back(first, 'i');
  else c.emplace_back(first, 's');
  c.emplace_back(second, 's');
  for (const char* name : {"estimate", "se", "statistic", "pval", "ci_lb", "ci_ub", "QE", "QEp", "tau2", "I2", "H2"})
    c.emplace_back(name, 'f');
  return c;
}

std::vector<Cell> refit_cells(const meta::RefitTable& t, std::size_t i) {
  return {t.estimate[i], t.se[i], t.stat[i], t.pval[i], t.ci_lb[i], t.ci_ub[i],
          t.Q[i],        t.Qp[i], t.tau2[i], t.I2[i],   t.H2[i]};
}

void append(std::vector<Cell>& row, const std::vector<Cell>& more) { row.insert(row.end(), more.begin(), more.end()); }
}  // namespace

ColumnTable leave_one_out_table(const std::vector<PairPool>& pools) {
  ColumnTable t("leave_one_out", refit_columns("left_out_study", "left_out_label"));
  for (const PairPool& p : pools) {
    if (!p.leave_one_out) continue;
    for (std::size_t i = 0; i < p.rows.size(); ++i) {
      std::vector<Cell> row = {p.roi, p.measure, p.rows[i].study, p.rows[i].label};
      append(row, refit_cells(*p.leave_one_out, i));
      t.add_row(row);
    }
  }
  return t;
}

ColumnTable cumulative_table(const std::vector<PairPool>& pools) {
  ColumnTable t("cumulative", refit_columns("step", "added_label"));
  t.add_column("added_study", 's');
  for (const PairPool& p : pools) {
    if (!p.cumulative) continue;
    for (std::size_t s = 0; s < p.cumulative->order.size(); ++s) {
      const EffectRow& added = p.rows[p.cumulative->order[s]];
      std::vector<Cell> row = {p.roi, p.measure, static_cast<long>(s + 1), added.label};
      append(row, refit_cells(*p.cumulative, s));
      row.emplace_back(added.study);
      t.add_row(row);
    }
  }
  return t;
}

ColumnTable influence_table(const std::vector<PairPool>& pools) {
  ColumnTable t("influence", {{"roi", 's'},   {"measure", 's'},  {"study", 's'},  {"label", 's'},
                              {"rstudent", 'f'}, {"dffits", 'f'}, {"cook_d", 'f'}, {"cov_r", 'f'},
                              {"tau2_del", 'f'}, {"QE_del", 'f'}, {"hat", 'f'},    {"weight", 'f'},
                              {"dfbetas", 'f'}});
  for (const PairPool& p : pools) {
    if (!p.influence) continue;
    const meta::Influence& f = *p.influence;
    for (std::size_t i = 0; i < p.rows.size(); ++i)
      t.add_row({p.roi, p.measure, p.rows[i].study, p.rows[i].label, f.rstudent[i], f.dffits[i], f.cook_d[i],
                 f.cov_r[i], f.tau2_del[i], f.QE_del[i], f.hat[i], f.weight[i], f.dfbetas.at(0)[i]});
  }
  return t;
}

ColumnTable small_study_table(const std::vector<PairPool>& pools) {
  ColumnTable t("small_study", {{"roi", 's'},    {"measure", 's'},  {"test", 's'},  {"k", 'i'},
                                {"statistic", 'f'}, {"df", 'f'},    {"pval", 'f'},  {"estimate", 'f'},
                                {"ci_lb", 'f'},  {"ci_ub", 'f'},    {"k0", 'i'},    {"side", 's'},
                                {"detail", 's'}});
  for (const PairPool& p : pools) {
    const long k = static_cast<long>(p.rows.size());
    for (const auto& [name, egger] : {std::pair{"egger_lm", &p.egger_classic}, {"egger_rma", &p.egger_rma}})
      if (*egger)
        t.add_row({p.roi, p.measure, name, k, (*egger)->stat, (*egger)->df, (*egger)->pval, (*egger)->limit_est,
                   (*egger)->limit_ci_lb, (*egger)->limit_ci_ub, 0L, "", (*egger)->form});
    if (p.begg)
      t.add_row({p.roi, p.measure, "begg", k, p.begg->tau, na, p.begg->pval, na, na, na, 0L, "",
                 std::string(p.begg->exact ? "exact" : "normal approximation") +
                     "; Kendall's tau; normal-approximation p " + std::to_string(p.begg->pval_normal_approx)});
    if (p.trim_fill) {
      const meta::TrimFill& f = *p.trim_fill;
      const meta::RmaFit& a = f.adjusted;
      t.add_row({p.roi, p.measure, "trim_and_fill_L0", static_cast<long>(a.k), a.stat(0), a.ddf, a.pval(0),
                 a.beta(0), a.ci_lb(0), a.ci_ub(0), static_cast<long>(f.k0), f.side,
                 "estimator L0; estimate, CI and p of the model with the filled studies"});
    }
  }
  return t;
}

ColumnTable trimfill_filled_table(const std::vector<PairPool>& pools) {
  ColumnTable t("trimfill_filled", {{"roi", 's'},  {"measure", 's'}, {"effect_measure", 's'}, {"filled", 'i'},
                                    {"side", 's'}, {"yi", 'f'},      {"vi", 'f'},             {"sei", 'f'}});
  for (const PairPool& p : pools) {
    if (!p.trim_fill) continue;
    const meta::TrimFill& f = *p.trim_fill;
    for (std::size_t j = 0; j < f.filled_yi.size(); ++j)
      t.add_row({p.roi, p.measure, meta::to_string(p.effect_measure), static_cast<long>(j + 1), f.side,
                 f.filled_yi[j], f.filled_vi[j], std::sqrt(f.filled_vi[j])});
  }
  return t;
}

}  // namespace acuroi::metastudy::detail
