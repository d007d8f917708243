// The whole group analysis: study checks, per ROI × measure tests/records/GLMs, permutation
// families, multiplicity adjustment across ROIs × measures.
#include <map>

#include "acuroi/core/log.hpp"
#include "acuroi/group/analysis.hpp"
#include "acuroi/stats/multiplicity.hpp"
#include "column_analysis.hpp"
#include "covariates.hpp"
#include "permutation_families.hpp"

namespace acuroi::group {
namespace {

// Adjusts row.p within families of rows with the same key (NaN p stays NaN and is not counted).
template <class Row, class Key>
void adjust(std::vector<Row>& rows, stats::PAdjustMethod method, Key&& key_of) {
  std::map<std::string, std::vector<std::size_t>> families;
  for (std::size_t k = 0; k < rows.size(); ++k)
    if (const std::string key = key_of(rows[k]); !key.empty()) families[key].push_back(k);
  for (const auto& [key, members] : families) {
    std::vector<double> p;
    for (std::size_t k : members) p.push_back(rows[k].p);
    const std::vector<double> adjusted = stats::p_adjust(p, method);
    for (std::size_t m = 0; m < members.size(); ++m) rows[members[m]].p_adjusted = adjusted[m];
  }
}

void collect_warnings(GroupResults& r) {
  std::vector<std::string> warnings;
  for (const TestRow& t : r.tests)
    if (!t.status.empty()) warnings.push_back(t.test + " (" + t.group + "): " + t.status);
  for (const GlmRow& g : r.glm)
    if (!g.status.empty()) warnings.push_back("GLM " + g.model + ": " + g.status);
  for (const RecordRow& s : r.records)
    if (!s.status.empty()) warnings.push_back("study record: " + s.status);
  warnings.insert(warnings.end(), r.warnings.begin(), r.warnings.end());
  r.warnings = std::move(warnings);
  for (const std::string& w : r.warnings) core::log_warning("group: ", w);
}

std::vector<std::string> models(const GroupOptions& o) {
  std::vector<std::string> out;
  if (o.ancova) out.push_back("ancova");
  if (o.change_model) out.push_back("change");
  return out;
}

}  // namespace

GroupResults analyse_group(const StudyValues& values, const GroupOptions& options) {
  check_study(values, options);
  GroupResults r;
  r.options = options;
  const detail::CovariateColumns covariates = detail::parse_covariates(values, options);
  for (std::size_t j = 0; j < values.columns.size(); ++j) {
    detail::add_column_tests(values, j, options, r.tests);
    r.records.push_back(detail::column_record(values, j, options));
    if (!values.has_control()) continue;
    for (const std::string& model : models(options))
      detail::add_column_glm(values, j, options, covariates, model, r.glm);
  }
  if (!values.has_control())
    r.warnings.push_back("single-arm study: no between-arm tests, GLMs or permutation inference");
  if (values.has_control() && options.permutations > 0) {
    detail::run_between_permutations(values, options, r);
    for (const std::string& model : models(options))
      detail::run_glm_permutations(values, options, covariates, model, r);
  }
  adjust(r.tests, options.p_adjust, [](const TestRow& t) { return t.test + "|" + t.group; });
  adjust(r.glm, options.p_adjust, [](const GlmRow& g) {
    return g.kind == "coefficient" ? g.model + "|" + g.term : std::string();
  });
  collect_warnings(r);
  return r;
}

}  // namespace acuroi::group
