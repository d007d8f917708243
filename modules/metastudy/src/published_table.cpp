// Effect rows from a published-study table: one row per study, metafor escalc column names.
#include <cmath>
#include <set>

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"
#include "acuroi/meta/effect_size.hpp"
#include "acuroi/metastudy/effect_rows.hpp"
#include "effect_support.hpp"

namespace acuroi::metastudy {
namespace {

// Columns with a meaning of their own; every other column is a moderator.
const std::set<std::string>& known_columns() {
  static const std::set<std::string> names = {
      "roi", "measure", "study", "author", "slab", "label", "yi",  "vi",  "sei", "ci.lb", "ci_lb", "ci.ub", "ci_ub",
      "pval", "p",      "ai",    "bi",     "ci",   "di",    "n1i", "n2i", "m1i", "m2i",   "sd1i",  "sd2i",  "ni",
      "ri"};
  return names;
}

class Row {
 public:
  Row(const io::Table& t, std::size_t row) : t_(t), row_(row) {}
  double get(const std::string& name) const {
    for (const char* alias : aliases(name))
      if (t_.has_column(alias)) return t_.number(row_, alias);
    return std::nan("");
  }
  bool has(const std::string& name) const { return std::isfinite(get(name)); }
  // Throws naming the file, the row and every missing column among `names`.
  void require(const std::vector<std::string>& names, const std::string& what) const {
    std::string missing;
    for (const std::string& n : names)
      if (!has(n)) missing += (missing.empty() ? "" : ", ") + n;
    if (!missing.empty())
      throw core::InputError(t_.source(), missing, "",
                             t_.describe_row(row_) + ": " + what + " needs columns " + missing +
                                 " (missing or not a finite number)");
  }
  std::string describe() const { return t_.describe_row(row_); }
  const std::string& source() const { return t_.source(); }

 private:
  static std::vector<const char*> aliases(const std::string& n) {
    if (n == "ci.lb") return {"ci.lb", "ci_lb"};
    if (n == "ci.ub") return {"ci.ub", "ci_ub"};
    if (n == "pval") return {"pval", "p"};
    return {n.c_str()};
  }
  const io::Table& t_;
  std::size_t row_;
};

void generic_effect(const Row& r, EffectRow& out) {
  const double yi = r.get("yi");
  meta::EffectSize es;
  if (r.has("vi")) es = {yi, r.get("vi")};
  else if (r.has("sei")) es = meta::generic_from_se(yi, r.get("sei"));
  else if (r.has("ci.lb") && r.has("ci.ub")) es = meta::generic_from_ci(yi, r.get("ci.lb"), r.get("ci.ub"));
  else if (r.has("pval")) es = meta::generic_from_p(yi, r.get("pval"));
  else r.require({"vi or sei or ci.lb+ci.ub or pval"}, "an effect yi");
  out.yi = es.yi;
  out.vi = es.vi;
  out.total_n = r.has("ni") ? r.get("ni") : r.has("n1i") && r.has("n2i") ? r.get("n1i") + r.get("n2i") : std::nan("");
}

void escalc_effect(const Row& r, const EffectOptions& o, EffectRow& out) {
  const meta::Measure m = o.measure;
  const std::string what = "measure " + meta::to_string(m) + " (or a yi column)";
  meta::EffectSize es;
  if (is_two_by_two(m)) {
    meta::Table2x2 tab{};
    if (r.has("bi") || r.has("di")) {
      r.require({"ai", "bi", "ci", "di"}, what);
      tab = {r.get("ai"), r.get("bi"), r.get("ci"), r.get("di")};
    } else {
      r.require({"ai", "n1i", "ci", "n2i"}, what + ": ai bi ci di, or");
      tab = {r.get("ai"), r.get("n1i") - r.get("ai"), r.get("ci"), r.get("n2i") - r.get("ci")};
    }
    if (tab.ai < 0 || tab.bi < 0 || tab.ci < 0 || tab.di < 0)
      throw core::InputError(r.source(), "ai/bi/ci/di", "", r.describe() + ": counts must be >= 0 (events <= group size)");
    es = meta::escalc_2x2(m, {tab}, o.escalc).front();
    out.counts = tab;
    out.total_n = tab.ai + tab.bi + tab.ci + tab.di;
  } else if (is_between_arm(m)) {
    r.require({"m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"}, what);
    const meta::TwoArm s{r.get("m1i"), r.get("sd1i"), r.get("n1i"), r.get("m2i"), r.get("sd2i"), r.get("n2i")};
    es = meta::escalc_two_arm(m, {s}, o.escalc).front();
    out.total_n = s.n1i + s.n2i;
  } else if (is_pre_post(m)) {
    if (m == meta::Measure::SMCR) r.require({"m1i", "m2i", "sd1i", "ni", "ri"}, what);
    else r.require({"m1i", "m2i", "sd1i", "sd2i", "ni", "ri"}, what);
    const meta::PrePost s{r.get("m1i"), r.get("m2i"), r.get("sd1i"), r.has("sd2i") ? r.get("sd2i") : 0.0,
                          r.get("ni"), r.get("ri")};
    es = meta::escalc_prepost(m, {s}, o.escalc).front();
    out.total_n = s.ni;
  } else {
    r.require({"yi"}, "measure GEN");
  }
  out.yi = es.yi;
  out.vi = es.vi;
}

std::string row_label(const io::Table& t, std::size_t row, const std::string& study) {
  for (const char* column : {"study", "author", "slab", "label"})
    if (t.has_column(column) && !std::string(t.cell(row, column)).empty()) return std::string(t.cell(row, column));
  return study + " row " + std::to_string(row + 1);
}

std::string pair_part(const io::Table& t, std::size_t row, const char* column, const std::string& given,
                      const std::string& study) {
  if (t.has_column(column)) {
    const std::string value(t.cell(row, column));
    if (!value.empty()) return value;
    if (given.empty())
      throw core::InputError(t.source(), column, "", t.describe_row(row) + ": the " + column + " cell is empty");
  }
  if (given.empty())
    throw core::InputError(t.source(), column, "",
                           "study '" + study + "': the table has no `" + column + "` column and the config gives no `" +
                               column + ":` for it");
  return given;
}

}  // namespace

StudyInput read_table_study(const config::MetaStudy& study, const EffectOptions& options) {
  if (!std::filesystem::is_regular_file(study.table))
    throw core::InputError(study.table.string(), "meta.studies[" + study.name + "].table", study.table.string(),
                           "study '" + study.name + "': the table does not exist");
  const io::Table t = io::read_table(study.table);
  if (t.row_count() == 0) throw core::InputError(t.source(), "rows", "0", "the study table has no rows");
  StudyInput s;
  s.name = study.name;
  s.source = "table";
  s.file = detail::describe_file(study.table);
  s.moderators = study.moderators;
  for (std::size_t i = 0; i < t.row_count(); ++i) {
    const Row r(t, i);
    EffectRow row;
    row.study = study.name;
    row.label = row_label(t, i, study.name);
    row.roi = pair_part(t, i, "roi", study.roi, study.name);
    row.measure = pair_part(t, i, "measure", study.measure, study.name);
    row.moderators = study.moderators;
    for (const std::string& column : t.header())
      if (!known_columns().count(column) && !io::is_missing_value(t.cell(i, column)))
        row.moderators[column] = std::string(t.cell(i, column));
    if (t.has_column("yi") && r.has("yi")) generic_effect(r, row);
    else escalc_effect(r, options, row);
    if (const std::string problem = detail::effect_problem(row.yi, row.vi); !problem.empty())
      throw core::InputError(t.source(), "yi/vi", "", r.describe() + ": " + problem);
    s.rows.push_back(std::move(row));
  }
  return s;
}

}  // namespace acuroi::metastudy
