#include "acuroi/meta/study_table.hpp"

#include <cmath>
#include <functional>
#include <map>

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::meta {
namespace {
bool is_2x2(Measure m) {
  return m == Measure::OR || m == Measure::RR || m == Measure::RD || m == Measure::AS || m == Measure::PETO;
}
bool is_two_arm(Measure m) {
  return m == Measure::MD || m == Measure::SMD || m == Measure::SMDH || m == Measure::ROM;
}

class RowReader {
 public:
  RowReader(const io::Table& t, std::size_t row) : t_(t), row_(row) {}
  // NaN when the column is absent or the cell is missing.
  double get(const std::string& name) const {
    for (const std::string& alias : aliases(name))
      if (t_.has_column(alias)) return t_.number(row_, alias);
    return std::nan("");
  }
  bool has(const std::string& name) const { return std::isfinite(get(name)); }
  // Throws naming the row and every missing column among `names`.
  void require(const std::vector<std::string>& names, const std::string& what) const {
    std::string missing;
    for (const std::string& n : names)
      if (!has(n)) missing += (missing.empty() ? "" : ", ") + n;
    if (!missing.empty())
      throw core::InputError(t_.source(), missing, "", t_.describe_row(row_) + ": " + what + " needs columns " + missing +
                                                          " (missing or not a finite number)");
  }

 private:
  static std::vector<std::string> aliases(const std::string& n) {
    if (n == "ci.lb") return {"ci.lb", "ci_lb"};
    if (n == "ci.ub") return {"ci.ub", "ci_ub"};
    if (n == "pval") return {"pval", "p"};
    return {n};
  }
  const io::Table& t_;
  std::size_t row_;
};

EffectSize generic_row(const RowReader& r) {
  r.require({"yi"}, "measure GEN");
  const double yi = r.get("yi");
  if (r.has("vi")) return {yi, r.get("vi")};
  if (r.has("sei")) return generic_from_se(yi, r.get("sei"));
  if (r.has("ci.lb") && r.has("ci.ub")) return generic_from_ci(yi, r.get("ci.lb"), r.get("ci.ub"));
  if (r.has("pval")) return generic_from_p(yi, r.get("pval"));
  r.require({"vi or sei or ci.lb+ci.ub or pval"}, "measure GEN");
  return {};
}

StudyRecords from_table(const io::Table& t, const StudyTableOptions& o) {
  StudyRecords s;
  s.measure = o.measure;
  const std::size_t k = t.row_count();
  if (k == 0) throw core::InputError(t.source(), "rows", "0", "the study table has no rows");
  EscalcOptions eo = o.escalc;
  if (!o.add_set) eo.add = default_add(o.measure);
  std::vector<EffectSize> es;
  std::vector<TwoArm> arms;
  std::vector<PrePost> prepost;
  for (std::size_t i = 0; i < k; ++i) {
    const RowReader r(t, i);
    const std::string m = to_string(o.measure);
    double n = std::nan("");
    if (o.measure == Measure::GEN) {
      es.push_back(generic_row(r));
      if (r.has("ni")) n = r.get("ni");
    } else if (is_2x2(o.measure)) {
      Table2x2 tab{};
      if (r.has("bi") || r.has("di")) {
        r.require({"ai", "bi", "ci", "di"}, "measure " + m);
        tab = {r.get("ai"), r.get("bi"), r.get("ci"), r.get("di")};
      } else {
        r.require({"ai", "n1i", "ci", "n2i"}, "measure " + m + " (ai bi ci di, or)");
        tab = {r.get("ai"), r.get("n1i") - r.get("ai"), r.get("ci"), r.get("n2i") - r.get("ci")};
      }
      if (tab.ai < 0 || tab.bi < 0 || tab.ci < 0 || tab.di < 0)
        throw core::InputError(t.source(), "ai/bi/ci/di", "", t.describe_row(i) + ": counts must be >= 0 (events <= group size)");
      s.tables.push_back(tab);
      n = tab.ai + tab.bi + tab.ci + tab.di;
    } else if (is_two_arm(o.measure)) {
      r.require({"m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"}, "measure " + m);
      arms.push_back({r.get("m1i"), r.get("sd1i"), r.get("n1i"), r.get("m2i"), r.get("sd2i"), r.get("n2i")});
      n = r.get("n1i") + r.get("n2i");
    } else {
      if (o.measure == Measure::SMCR) r.require({"m1i", "m2i", "sd1i", "ni", "ri"}, "measure " + m);
      else r.require({"m1i", "m2i", "sd1i", "sd2i", "ni", "ri"}, "measure " + m);
      prepost.push_back({r.get("m1i"), r.get("m2i"), r.get("sd1i"), r.has("sd2i") ? r.get("sd2i") : 0.0, r.get("ni"), r.get("ri")});
      n = r.get("ni");
    }
    s.total_n.push_back(n);
  }
  if (is_2x2(o.measure)) es = escalc_2x2(o.measure, s.tables, eo);
  if (is_two_arm(o.measure)) es = escalc_two_arm(o.measure, arms, eo);
  if (!prepost.empty()) es = escalc_prepost(o.measure, prepost, eo);
  s.yi.resize(static_cast<Eigen::Index>(k));
  s.vi.resize(static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i) {
    s.yi(static_cast<Eigen::Index>(i)) = es[i].yi;
    s.vi(static_cast<Eigen::Index>(i)) = es[i].vi;
    if (!std::isfinite(es[i].yi) || !std::isfinite(es[i].vi) || !(es[i].vi > 0))
      throw core::InputError(t.source(), "yi/vi", std::to_string(es[i].yi) + "/" + std::to_string(es[i].vi),
                             t.describe_row(i) + ": the effect size or its variance is not a finite positive-variance value");
  }
  std::string label_col;
  for (const char* c : {"study", "author", "slab", "label"})
    if (t.has_column(c)) { label_col = c; break; }
  for (std::size_t i = 0; i < k; ++i)
    s.labels.push_back(label_col.empty() ? "Study " + std::to_string(i + 1) : std::string(t.cell(i, label_col)));
  if (!o.mods.empty()) {
    s.moderators.names = o.mods;
    s.moderators.values.resize(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(o.mods.size()));
    for (std::size_t j = 0; j < o.mods.size(); ++j)
      for (std::size_t i = 0; i < k; ++i) {
        const double x = t.number(i, o.mods[j]);
        if (!std::isfinite(x))
          throw core::InputError(t.source(), o.mods[j], std::string(t.cell(i, o.mods[j])), t.describe_row(i) + ": moderator is missing");
        s.moderators.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = x;
      }
  }
  if (o.subgroup)
    for (std::size_t i = 0; i < k; ++i) s.subgroups.emplace_back(t.cell(i, *o.subgroup));
  return s;
}
}  // namespace

double StudyRecords::total_sample_size() const {
  double s = 0;
  for (double n : total_n) s += n;
  return s;
}

StudyRecords load_study_table(const std::filesystem::path& path, const StudyTableOptions& options) {
  return from_table(io::read_table(path), options);
}

StudyRecords parse_study_table(const std::string& text, bool csv, const std::string& source,
                               const StudyTableOptions& options) {
  return from_table(io::parse_table(text, csv ? io::TableFormat::csv() : io::TableFormat::tsv(), source), options);
}

}  // namespace acuroi::meta
