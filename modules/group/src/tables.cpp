#include "tables.hpp"

#include <stdexcept>

namespace acuroi::group::detail {
namespace {

template <class Row, class Get>
std::vector<double> numbers(const std::vector<Row>& rows, Get&& get) {
  std::vector<double> out;
  for (const Row& r : rows) out.push_back(get(r));
  return out;
}
template <class Row, class Get>
std::vector<std::int64_t> counts(const std::vector<Row>& rows, Get&& get) {
  std::vector<std::int64_t> out;
  for (const Row& r : rows) out.push_back(static_cast<std::int64_t>(get(r)));
  return out;
}
template <class Row, class Get>
std::vector<std::string> texts(const std::vector<Row>& rows, Get&& get) {
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(get(r));
  return out;
}

std::size_t length(const Column& c) {
  return std::visit([](const auto& v) { return v.size(); }, c);
}

void add_arm(ColumnTable& t, const std::vector<RecordRow>& rows, const std::string& prefix,
             stats::ArmSummary stats::StudyRecord::*arm) {
  t.add(prefix + "arm", texts(rows, [&](const RecordRow& r) { return (r.record.*arm).name; }));
  t.add(prefix + "n", counts(rows, [&](const RecordRow& r) { return (r.record.*arm).n; }));
  const std::pair<const char*, double stats::ArmSummary::*> fields[] = {
      {"mean_pre", &stats::ArmSummary::mean_pre},
      {"sd_pre", &stats::ArmSummary::sd_pre},
      {"mean_post", &stats::ArmSummary::mean_post},
      {"sd_post", &stats::ArmSummary::sd_post},
      {"mean_change", &stats::ArmSummary::mean_change},
      {"sd_change", &stats::ArmSummary::sd_change},
      {"pre_post_correlation", &stats::ArmSummary::pre_post_correlation}};
  for (const auto& [name, field] : fields)
    t.add(prefix + name, numbers(rows, [&](const RecordRow& r) { return (r.record.*arm).*field; }));
}

}  // namespace

void ColumnTable::add(std::string name, Column column) {
  const std::size_t n = length(column);
  if (!names.empty() && n != rows)
    throw std::logic_error("group table column '" + name + "' has " + std::to_string(n) +
                           " rows, expected " + std::to_string(rows));
  rows = n;
  names.push_back(std::move(name));
  columns.push_back(std::move(column));
}

ColumnTable tests_table(const GroupResults& results) {
  const auto& rows = results.tests;
  ColumnTable t;
  t.add("roi", texts(rows, [](const TestRow& r) { return r.roi; }));
  t.add("measure", texts(rows, [](const TestRow& r) { return r.measure; }));
  t.add("test", texts(rows, [](const TestRow& r) { return r.test; }));
  t.add("group", texts(rows, [](const TestRow& r) { return r.group; }));
  t.add("n1", counts(rows, [](const TestRow& r) { return r.n1; }));
  t.add("n2", counts(rows, [](const TestRow& r) { return r.n2; }));
  const std::pair<const char*, double TestRow::*> fields[] = {
      {"estimate", &TestRow::estimate},
      {"se", &TestRow::se},
      {"statistic", &TestRow::statistic},
      {"df", &TestRow::df},
      {"p", &TestRow::p},
      {"ci_lower", &TestRow::ci_lower},
      {"ci_upper", &TestRow::ci_upper},
      {"cohen_dz", &TestRow::cohen_dz},
      {"pooled_sd", &TestRow::pooled_sd},
      {"cohen_d", &TestRow::cohen_d},
      {"hedges_g", &TestRow::hedges_g},
      {"hedges_g_variance", &TestRow::hedges_g_variance},
      {"p_adjusted", &TestRow::p_adjusted},
      {"p_permutation", &TestRow::p_permutation},
      {"p_fwe", &TestRow::p_fwe}};
  for (const auto& [name, field] : fields)
    t.add(name, numbers(rows, [field](const TestRow& r) { return r.*field; }));
  t.add("method", texts(rows, [](const TestRow& r) { return r.method; }));
  t.add("status", texts(rows, [](const TestRow& r) { return r.status; }));
  return t;
}

ColumnTable glm_table(const GroupResults& results) {
  const auto& rows = results.glm;
  ColumnTable t;
  t.add("roi", texts(rows, [](const GlmRow& r) { return r.roi; }));
  t.add("measure", texts(rows, [](const GlmRow& r) { return r.measure; }));
  t.add("model", texts(rows, [](const GlmRow& r) { return r.model; }));
  t.add("term", texts(rows, [](const GlmRow& r) { return r.term; }));
  t.add("kind", texts(rows, [](const GlmRow& r) { return r.kind; }));
  t.add("n", counts(rows, [](const GlmRow& r) { return r.n; }));
  const std::pair<const char*, double GlmRow::*> fields[] = {
      {"estimate", &GlmRow::estimate},
      {"se", &GlmRow::se},
      {"statistic", &GlmRow::statistic},
      {"df_num", &GlmRow::df_num},
      {"df_den", &GlmRow::df_den},
      {"p", &GlmRow::p},
      {"ci_lower", &GlmRow::ci_lower},
      {"ci_upper", &GlmRow::ci_upper},
      {"r_squared", &GlmRow::r_squared},
      {"adj_r_squared", &GlmRow::adj_r_squared},
      {"sigma2", &GlmRow::sigma2},
      {"log_likelihood", &GlmRow::log_likelihood},
      {"aic", &GlmRow::aic},
      {"bic", &GlmRow::bic},
      {"p_adjusted", &GlmRow::p_adjusted},
      {"p_permutation", &GlmRow::p_permutation},
      {"p_fwe", &GlmRow::p_fwe}};
  for (const auto& [name, field] : fields)
    t.add(name, numbers(rows, [field](const GlmRow& r) { return r.*field; }));
  t.add("status", texts(rows, [](const GlmRow& r) { return r.status; }));
  return t;
}

ColumnTable records_table(const GroupResults& results) {
  const auto& rows = results.records;
  ColumnTable t;
  t.add("roi", texts(rows, [](const RecordRow& r) { return r.record.roi; }));
  t.add("measure", texts(rows, [](const RecordRow& r) { return r.record.measure; }));
  add_arm(t, rows, "active_", &stats::StudyRecord::active);
  add_arm(t, rows, "control_", &stats::StudyRecord::control);
  t.add("mean_difference",
        numbers(rows, [](const RecordRow& r) { return r.record.mean_difference; }));
  t.add("mean_difference_variance",
        numbers(rows, [](const RecordRow& r) { return r.record.mean_difference_variance; }));
  t.add("hedges_g", numbers(rows, [](const RecordRow& r) { return r.record.hedges_g; }));
  t.add("hedges_g_variance",
        numbers(rows, [](const RecordRow& r) { return r.record.hedges_g_variance; }));
  t.add("hedges_correction", texts(rows, [](const RecordRow& r) {
          return std::string(r.record.hedges_correction == stats::HedgesCorrection::exact
                                 ? "exact"
                                 : "approximate");
        }));
  t.add("status", texts(rows, [](const RecordRow& r) { return r.status; }));
  return t;
}

ColumnTable exclusions_table(const StudyValues& values) {
  const auto& rows = values.exclusions;
  ColumnTable t;
  t.add("participant", texts(rows, [](const Exclusion& e) { return e.participant; }));
  t.add("arm", texts(rows, [](const Exclusion& e) { return e.arm; }));
  t.add("session", texts(rows, [](const Exclusion& e) { return e.session; }));
  t.add("roi", texts(rows, [](const Exclusion& e) { return e.roi; }));
  t.add("measure", texts(rows, [](const Exclusion& e) { return e.measure; }));
  t.add("reason", texts(rows, [](const Exclusion& e) { return e.reason; }));
  return t;
}

}  // namespace acuroi::group::detail
