#include "meta_figure_data.hpp"

#include <algorithm>
#include <cmath>

#include "sections.hpp"

namespace acuroi::report::detail {
namespace {

bool in_pool(const io::Table& t, std::size_t r, const std::string& roi, const std::string& measure) {
  return t.cell(r, "roi") == roi && t.cell(r, "measure") == measure;
}

// metastudy writes a moderator key as a column with '/', ',', tabs and line breaks as '_'.
std::string moderator_column(std::string key) {
  for (char& c : key)
    if (c == '/' || c == ',' || c == '\t' || c == '\n' || c == '\r') c = '_';
  return key;
}

std::string test_text(const io::Table& t, std::size_t r) {
  const std::string test(t.cell(r, "test"));
  const double df2 = t.number(r, "df2");
  const std::string df = fmt(t.number(r, "df1")) + (std::isfinite(df2) ? ", " + fmt(df2) : "");
  if (test == "separate_tau2_Q_between")
    return "Q between subgroups (separate τ²) = " + fmt(t.number(r, "statistic")) + " (df = " + df +
           "), p = " + fmt(t.number(r, "pval"));
  const std::string name = test == "common_tau2_F" ? "F" : "QM";
  return "test of subgroup differences (common τ²): " + name + " = " + fmt(t.number(r, "statistic")) + " (df = " +
         df + "), p = " + fmt(t.number(r, "pval"));
}

SubgroupForest one_forest(const ReportData& data, const std::string& roi, const std::string& measure,
                          const std::string& moderator, double z) {
  SubgroupForest f;
  f.moderator = moderator;
  const io::Table& s = *data.meta_subgroups;
  for (std::size_t r = 0; r < s.row_count(); ++r)
    if (in_pool(s, r, roi, measure) && s.cell(r, "moderator") == moderator)
      f.groups.push_back({std::string(s.cell(r, "level")), {}, s.number(r, "estimate"), s.number(r, "ci_lb"),
                          s.number(r, "ci_ub"), true});
  ForestSubgroup left_out{"", {}, NAN, NAN, NAN, false};
  if (data.meta_effects) {
    const io::Table& e = *data.meta_effects;
    const auto column = e.find_column(moderator_column(moderator));
    for (std::size_t r = 0; r < e.row_count(); ++r) {
      if (!in_pool(e, r, roi, measure)) continue;
      const double y = e.number(r, "yi"), se = e.number(r, "sei");
      ForestRow row{std::string(e.cell(r, "label")), y, y - z * se, y + z * se, e.number(r, "weight")};
      const std::string level = column ? std::string(e.cell(r, *column)) : std::string();
      auto block = std::find_if(f.groups.begin(), f.groups.end(), [&](const auto& g) { return g.level == level; });
      (block == f.groups.end() ? left_out : *block).rows.push_back(std::move(row));
    }
  }
  if (!left_out.rows.empty()) f.groups.push_back(std::move(left_out));
  if (data.meta_subgroup_tests) {
    const io::Table& t = *data.meta_subgroup_tests;
    for (std::size_t r = 0; r < t.row_count(); ++r)
      if (in_pool(t, r, roi, measure) && t.cell(r, "moderator") == moderator)
        f.test_line += (f.test_line.empty() ? "" : "; ") + test_text(t, r);
  }
  return f;
}

}  // namespace

FunnelTrimFill pool_trim_fill(const ReportData& data, const std::string& roi, const std::string& measure) {
  FunnelTrimFill out;
  if (data.meta_trimfill) {
    const io::Table& s = *data.meta_trimfill;
    for (std::size_t r = 0; r < s.row_count(); ++r)
      if (in_pool(s, r, roi, measure) && s.cell(r, "test") == "trim_and_fill_L0") {
        out.estimate = s.number(r, "estimate");
        out.side = std::string(s.cell(r, "side"));
      }
  }
  if (data.meta_trimfill_filled) {
    const io::Table& f = *data.meta_trimfill_filled;
    for (std::size_t r = 0; r < f.row_count(); ++r)
      if (in_pool(f, r, roi, measure)) {
        out.filled_yi.push_back(f.number(r, "yi"));
        out.filled_sei.push_back(f.number(r, "sei"));
      }
  }
  return out;
}

std::vector<SubgroupForest> pool_subgroup_forests(const ReportData& data, const std::string& roi,
                                                  const std::string& measure, double z) {
  std::vector<SubgroupForest> out;
  if (!data.meta_subgroups) return out;
  std::vector<std::string> moderators;
  const io::Table& s = *data.meta_subgroups;
  for (std::size_t r = 0; r < s.row_count(); ++r) {
    const std::string m(s.cell(r, "moderator"));
    if (in_pool(s, r, roi, measure) && std::find(moderators.begin(), moderators.end(), m) == moderators.end())
      moderators.push_back(m);
  }
  for (const std::string& m : moderators) out.push_back(one_forest(data, roi, measure, m, z));
  return out;
}

}  // namespace acuroi::report::detail
