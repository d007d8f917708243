// The pooled models, the study effects that went into them, the studies left out, the summary of
// findings and the list of studies.
#include <cmath>
#include <set>

#include "result_tables.hpp"

namespace acuroi::metastudy::detail {
namespace {
constexpr double na = EffectRow::na;

std::string join(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& p : parts) text += (text.empty() ? "" : "; ") + p;
  return text;
}

std::string moderator(const std::map<std::string, std::string>& moderators, const std::string& key) {
  const auto it = moderators.find(key);
  return it == moderators.end() ? std::string() : it->second;
}

void add_pooled_row(ColumnTable& t, const PairPool& p, const PoolingOptions& o) {
  const std::string measure = meta::to_string(o.measure);
  const std::string method = meta::to_string(o.rma.method);
  if (!p.fit) {
    std::vector<Cell> row = t.empty_row();
    const std::pair<const char*, Cell> known[] = {
        {"roi", p.roi},         {"measure", p.measure}, {"k", static_cast<long>(p.rows.size())},
        {"total_n", p.total_n()}, {"effect_measure", measure}, {"method", method},
        {"test", meta::to_string(o.rma.test)}, {"status", p.status}, {"notes", join(p.notes)}};
    for (const auto& [column, value] : known) t.set(row, column, value);
    t.add_row(row);
    return;
  }
  const meta::RmaFit& f = *p.fit;
  const meta::Tau2Interval* ci = p.tau2_ci ? &*p.tau2_ci : nullptr;
  const bool t_test = !std::isnan(f.ddf);
  t.add_row({p.roi, p.measure, static_cast<long>(f.k), p.total_n(), measure, method, meta::to_string(f.test),
             f.beta(0), f.se(0), t_test ? "t" : "z", f.stat(0), f.ddf, f.pval(0), p.p_adjusted, f.ci_lb(0),
             f.ci_ub(0), p.pi_metafor->pi_lb, p.pi_metafor->pi_ub, p.pi_metafor->pi_df, p.pi_higgins->pi_lb,
             p.pi_higgins->pi_ub, p.pi_higgins->pi_df, f.tau2, f.se_tau2, ci ? ci->tau2.ci_lb : na,
             ci ? ci->tau2.ci_ub : na, std::sqrt(f.tau2), ci ? ci->tau.ci_lb : na, ci ? ci->tau.ci_ub : na, f.I2,
             ci ? ci->I2.ci_lb : na, ci ? ci->I2.ci_ub : na,
             f.method == meta::Tau2Method::FE ? "(QE-df)/QE" : "100 tau2/(tau2 + vt)", f.I2_Q_based, f.H2,
             ci ? ci->H2.ci_lb : na, ci ? ci->H2.ci_ub : na, f.QE, static_cast<long>(f.df_QE), f.QEp, f.s2w,
             static_cast<long>(f.iterations), f.used_fallback, p.status, join(p.notes)});
}
}  // namespace

std::vector<std::string> moderator_keys(const std::vector<StudyInput>& studies) {
  std::set<std::string> keys;
  for (const StudyInput& s : studies) {
    for (const auto& [key, value] : s.moderators) keys.insert(key);
    for (const EffectRow& r : s.rows)
      for (const auto& [key, value] : r.moderators) keys.insert(key);
  }
  return {keys.begin(), keys.end()};
}

ColumnTable pooled_table(const std::vector<PairPool>& pools, const PoolingOptions& o) {
  ColumnTable t("pooled",
                {{"roi", 's'},          {"measure", 's'},       {"k", 'i'},          {"total_n", 'f'},
                 {"effect_measure", 's'}, {"method", 's'},      {"test", 's'},       {"estimate", 'f'},
                 {"se", 'f'},           {"statistic_type", 's'}, {"statistic", 'f'}, {"df", 'f'},
                 {"pval", 'f'},         {"p_adjusted", 'f'},    {"ci_lb", 'f'},      {"ci_ub", 'f'},
                 {"pi_lb", 'f'},        {"pi_ub", 'f'},         {"pi_df", 'f'},      {"pi_higgins_lb", 'f'},
                 {"pi_higgins_ub", 'f'}, {"pi_higgins_df", 'f'}, {"tau2", 'f'},      {"se_tau2", 'f'},
                 {"tau2_ci_lb", 'f'},   {"tau2_ci_ub", 'f'},    {"tau", 'f'},        {"tau_ci_lb", 'f'},
                 {"tau_ci_ub", 'f'},    {"I2", 'f'},            {"I2_ci_lb", 'f'},   {"I2_ci_ub", 'f'},
                 {"I2_definition", 's'}, {"I2_Q_based", 'f'},   {"H2", 'f'},         {"H2_ci_lb", 'f'},
                 {"H2_ci_ub", 'f'},     {"QE", 'f'},            {"QE_df", 'i'},      {"QEp", 'f'},
                 {"s2w", 'f'},          {"iterations", 'i'},    {"used_fallback", 'i'}, {"status", 's'},
                 {"notes", 's'}});
  for (const PairPool& p : pools) add_pooled_row(t, p, o);
  return t;
}

ColumnTable study_effects_table(const std::vector<PairPool>& pools, const std::vector<std::string>& keys,
                                double) {
  ColumnTable t("study_effects", {{"roi", 's'},
                                  {"measure", 's'},
                                  {"study", 's'},
                                  {"label", 's'},
                                  {"yi", 'f'},
                                  {"vi", 'f'},
                                  {"sei", 'f'},
                                  {"total_n", 'f'},
                                  {"weight", 'f'}});
  for (const std::string& key : keys) t.add_column(column_name(key), 's');
  for (const PairPool& p : pools)
    for (std::size_t i = 0; i < p.rows.size(); ++i) {
      const EffectRow& r = p.rows[i];
      const double weight = p.fit ? p.fit->weights_pct(static_cast<Eigen::Index>(i)) : na;
      std::vector<Cell> cells = {p.roi, p.measure, r.study, r.label, r.yi, r.vi, std::sqrt(r.vi), r.total_n, weight};
      for (const std::string& key : keys) cells.emplace_back(moderator(r.moderators, key));
      t.add_row(cells);
    }
  return t;
}

ColumnTable left_out_table(const std::vector<PairPool>& pools) {
  ColumnTable t("left_out", {{"roi", 's'}, {"measure", 's'}, {"study", 's'}, {"label", 's'}, {"reason", 's'}});
  for (const PairPool& p : pools)
    for (const LeftOut& l : p.left_out) t.add_row({p.roi, p.measure, l.study, l.label, l.reason});
  return t;
}

ColumnTable summary_table(const std::vector<PairPool>& pools, const PoolingOptions& o) {
  ColumnTable t("summary_of_findings",
                {{"roi", 's'},          {"measure", 's'},         {"k", 'i'},          {"total_n", 'f'},
                 {"estimate", 'f'},     {"ci_lb", 'f'},           {"ci_ub", 'f'},      {"pi_lb", 'f'},
                 {"pi_ub", 'f'},        {"pi_convention", 's'},   {"I2", 'f'},         {"tau2", 'f'},
                 {"egger_p", 'f'},      {"pval", 'f'},            {"p_adjusted", 'f'}, {"imprecision", 'i'},
                 {"ci_includes_zero", 'i'}, {"ci_wide", 'i'},     {"inconsistency", 'i'}, {"I2_over_50", 'i'},
                 {"pi_includes_zero", 'i'}, {"status", 's'}});
  const std::string convention = meta::to_string(o.pi_convention);
  for (const PairPool& p : pools) {
    if (!p.summary) {
      std::vector<Cell> row = t.empty_row();
      const std::pair<const char*, Cell> known[] = {{"roi", p.roi},
                                                    {"measure", p.measure},
                                                    {"k", static_cast<long>(p.rows.size())},
                                                    {"total_n", p.total_n()},
                                                    {"pi_convention", convention},
                                                    {"status", p.status}};
      for (const auto& [column, value] : known) t.set(row, column, value);
      t.add_row(row);
      continue;
    }
    const meta::SummaryRow& s = *p.summary;
    t.add_row({p.roi, p.measure, static_cast<long>(s.k), s.total_n, s.estimate, s.ci_lb, s.ci_ub, s.pi_lb, s.pi_ub,
               convention, s.I2, s.tau2, s.egger_p, p.fit->pval(0), p.p_adjusted, s.imprecision(), s.ci_includes_zero,
               s.ci_wide, s.inconsistency(), s.I2_over_50, s.pi_includes_zero, p.status});
  }
  return t;
}

ColumnTable studies_table(const std::vector<StudyInput>& studies, const std::vector<std::string>& keys) {
  ColumnTable t("studies", {{"study", 's'},
                            {"source", 's'},
                            {"path", 's'},
                            {"size_bytes", 'i'},
                            {"sha256", 's'},
                            {"rows", 'i'},
                            {"usable_rows", 'i'}});
  for (const std::string& key : keys) t.add_column(column_name(key), 's');
  for (const StudyInput& s : studies) {
    long usable = 0;
    for (const EffectRow& r : s.rows) usable += r.status.empty() ? 1 : 0;
    std::vector<Cell> cells = {s.name, s.source, s.file.path, static_cast<long>(s.file.size_bytes), s.file.sha256,
                               static_cast<long>(s.rows.size()), usable};
    for (const std::string& key : keys) cells.emplace_back(moderator(s.moderators, key));
    t.add_row(cells);
  }
  return t;
}

std::vector<ColumnTable> result_tables(const std::vector<StudyInput>& studies, const std::vector<PairPool>& pools,
                                       const PoolingOptions& o) {
  const std::vector<std::string> keys = moderator_keys(studies);
  std::vector<ColumnTable> tables;
  tables.push_back(pooled_table(pools, o));
  tables.push_back(study_effects_table(pools, keys, o.rma.level));
  tables.push_back(left_out_table(pools));
  tables.push_back(summary_table(pools, o));
  tables.push_back(leave_one_out_table(pools));
  tables.push_back(influence_table(pools));
  tables.push_back(cumulative_table(pools));
  tables.push_back(small_study_table(pools));
  tables.push_back(trimfill_filled_table(pools));
  tables.push_back(subgroups_table(pools));
  tables.push_back(subgroup_tests_table(pools));
  tables.push_back(regression_table(pools));
  tables.push_back(binary_table(pools));
  tables.push_back(studies_table(studies, keys));
  return tables;
}

}  // namespace acuroi::metastudy::detail
