// Subgroups (one text moderator) and mixed-effects meta-regression (numeric moderators, or text
// moderators as treatment-coded factors: first level in sorted order is the reference, as R).
#include <algorithm>
#include <set>

#include "effect_support.hpp"
#include "pool_support.hpp"

namespace acuroi::metastudy::detail {
namespace {

const std::string* moderator_value(const EffectRow& row, const std::string& key) {
  const auto it = row.moderators.find(key);
  return it == row.moderators.end() || it->second.empty() ? nullptr : &it->second;
}

// Columns of one moderator over `rows`: one numeric column, or one dummy column per level
// after the first (named "key[T.level]", patsy's spelling).
void add_moderator_columns(const std::vector<EffectRow>& rows, const std::string& key,
                           std::vector<Eigen::VectorXd>& columns, std::vector<std::string>& names) {
  bool numeric = true;
  std::set<std::string> levels;
  for (const EffectRow& r : rows) {
    const std::string& v = *moderator_value(r, key);
    numeric = numeric && parse_number(v).has_value();
    levels.insert(v);
  }
  const auto k = static_cast<Eigen::Index>(rows.size());
  if (numeric) {
    Eigen::VectorXd c(k);
    for (Eigen::Index i = 0; i < k; ++i) c(i) = *parse_number(*moderator_value(rows[static_cast<std::size_t>(i)], key));
    columns.push_back(c);
    names.push_back(key);
    return;
  }
  for (auto level = std::next(levels.begin()); level != levels.end(); ++level) {
    Eigen::VectorXd c(k);
    for (Eigen::Index i = 0; i < k; ++i) c(i) = *moderator_value(rows[static_cast<std::size_t>(i)], key) == *level;
    columns.push_back(c);
    names.push_back(key + "[T." + *level + "]");
  }
}

std::vector<EffectRow> rows_with(const std::vector<EffectRow>& rows, const std::vector<std::string>& keys) {
  std::vector<EffectRow> out;
  for (const EffectRow& r : rows)
    if (std::all_of(keys.begin(), keys.end(), [&](const std::string& k) { return moderator_value(r, k); }))
      out.push_back(r);
  return out;
}

std::string left_out_note(std::size_t left_out, const std::string& what) {
  return std::to_string(left_out) + (left_out == 1 ? " study" : " studies") + " without " + what +
         " left out of this analysis";
}

}  // namespace

void subgroup_analysis(PairPool& p, const PoolingOptions& o) {
  if (o.subgroup.empty() || p.rows.size() < 2) return;
  Subgroups s;
  s.moderator = o.subgroup;
  s.rows = rows_with(p.rows, {o.subgroup});
  if (s.rows.size() < p.rows.size())
    p.notes.push_back("subgroups: " + left_out_note(p.rows.size() - s.rows.size(), "'" + o.subgroup + "'"));
  std::vector<std::string> group;
  for (const EffectRow& r : s.rows) group.push_back(*moderator_value(r, o.subgroup));
  if (std::set<std::string>(group.begin(), group.end()).size() < 2) {
    p.notes.push_back("subgroups: '" + o.subgroup + "' has fewer than 2 levels among the studies of this pool");
    return;
  }
  Eigen::VectorXd yi, vi;
  effects(s.rows, yi, vi);
  attempt(p, "subgroups", [&] {
    s.analysis = meta::subgroup_analysis(yi, vi, group, o.rma);
    p.subgroups = std::move(s);
  });
}

void meta_regression(PairPool& p, const PoolingOptions& o) {
  if (o.moderators.empty() || p.rows.size() < 2) return;
  MetaRegression m;
  m.moderators = o.moderators;
  m.rows = rows_with(p.rows, o.moderators);
  if (m.rows.size() < p.rows.size())
    p.notes.push_back("meta-regression: " + left_out_note(p.rows.size() - m.rows.size(), "every moderator"));
  if (m.rows.size() < 2) {
    p.notes.push_back("meta-regression: fewer than 2 studies have every moderator");
    return;
  }
  std::vector<Eigen::VectorXd> columns;
  meta::Moderators mods;
  for (const std::string& key : o.moderators) add_moderator_columns(m.rows, key, columns, mods.names);
  mods.values.resize(static_cast<Eigen::Index>(m.rows.size()), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t j = 0; j < columns.size(); ++j) mods.values.col(static_cast<Eigen::Index>(j)) = columns[j];
  Eigen::VectorXd yi, vi;
  effects(m.rows, yi, vi);
  attempt(p, "meta-regression", [&] {
    if (columns.empty())
      throw core::InputError("every moderator has a single value among these studies");
    m.fit = meta::fit_rma(yi, vi, mods, o.rma);
    if (o.permutations > 0) m.permutation = meta::permutation_test(m.fit, o.permutations, o.permutation_seed);
    p.regression = std::move(m);
  });
}

}  // namespace acuroi::metastudy::detail
