// The quantities of /work/shared/reference/group (scipy 1.10.1 / statsmodels 0.13.5, cross-checked
// with R; copied to tests/group/data) reproduced through the whole group path: the 24 reference
// subjects written as participant files (one measure "value" per ROI), `acuroi group` run with
// covariates [age_c, sex] (not centred again; sex numeric 0/1 as in the reference) and rank tests,
// once per p.adjust method (and once with the approximate Hedges J), and every expected quantity
// read back from the output TSVs and compared at 1e-8 relative.
//
// Mapping: the reference OLS is `change ~ arm + age_c + sex + pre`; the group's ANCOVA
// `post ~ arm + pre + age_c + sex` has the same coefficients, SEs, t, p and CIs except for `pre`
// (estimate and CI + 1), the same SSR, σ², log-likelihood, AIC, BIC and the same joint F of
// age and sex. Not reachable through the group path (checked by tests/stats ReferenceGroup):
// t and p of `pre`, R², adjusted R², model F and its p of the change outcome, and the fixed16
// multiplicity family (p-values that are inputs, not results).
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "acuroi/io/table.hpp"
#include "study_fixture.hpp"

namespace {

using Values = std::map<std::string, double>;
const char* const kRois[] = {"ACC", "insula", "S1", "thalamus", "DMN"};
const char* const kOls = "ols_change_on_group_age_sex_pre";

std::string data_file(const std::string& name) {
  return std::string(ACUROI_SOURCE_DIR) + "/tests/group/data/" + name;
}

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// The participant files of the reference subjects, with covariates age_c (age minus the mean age,
// as the reference centres it) and sex (0/1, numeric as in the reference).
void write_reference_study(const std::filesystem::path& out) {
  const auto rows = read_csv(data_file("subjects.csv"));
  const auto& header = rows[0];
  double mean_age = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) mean_age += std::stod(rows[r][2]);
  mean_age /= static_cast<double>(rows.size() - 1);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    std::map<std::string, std::vector<group_test::MeasureRow>> sessions;
    for (std::size_t c = 4; c < header.size(); ++c) {
      const std::string roi = header[c].substr(0, header[c].rfind('_'));
      const std::string session = header[c].substr(header[c].rfind('_') + 1);
      sessions[session].push_back({roi, "value", std::stod(row[c]), ""});
    }
    char age_c[64];
    const auto end = std::to_chars(age_c, age_c + sizeof age_c, std::stod(row[2]) - mean_age).ptr;
    group_test::write_participant_file(out, row[0].substr(4), row[1],
                                       {{"age_c", std::string(age_c, end)}, {"sex", row[3]}},
                                       sessions);
  }
}

struct Outputs {
  acuroi::io::Table tests, glm, records;
};

Outputs run_group(const group_test::ScratchDir& dir, const std::string& options) {
  const auto out = dir.path() / "out";
  const auto config =
      dir.write("study.yaml",
                group_test::study_config(out,
                                         "  covariates: [age_c, sex]\n  centre_covariates: false\n"
                                         "  rank_tests: true\n"
                                         "  permutations: 0\n" +
                                             options));
  const auto r = group_test::run_program(std::string(ACUROI_BINARY) + " group " + config.string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return {acuroi::io::read_table(out / "group" / "group_tests.tsv"),
          acuroi::io::read_table(out / "group" / "group_glm.tsv"),
          acuroi::io::read_table(out / "group" / "group_study_records.tsv")};
}

double cell(const acuroi::io::Table& t, const std::map<std::string, std::string>& keys,
            const std::string& column) {
  for (std::size_t r = 0; r < t.row_count(); ++r) {
    bool match = true;
    for (const auto& [k, v] : keys) match = match && t.cell(r, k) == v;
    if (match) return t.number(r, column);
  }
  throw std::runtime_error("no row in " + t.source());
}

void put_tests(Values& v, const std::string& roi, const Outputs& o) {
  const auto test = [&](const std::string& name, const std::string& group, const std::string& c) {
    return cell(o.tests, {{"roi", roi}, {"test", name}, {"group", group}}, c);
  };
  const std::string p = roi + "|paired_t_acu_post_vs_pre|";
  const std::map<std::string, std::string> paired = {
      {"t", "statistic"},    {"p", "p"},
      {"df", "df"},          {"mean_diff", "estimate"},
      {"se", "se"},          {"ci_lb", "ci_lower"},
      {"ci_ub", "ci_upper"}, {"cohen_dz", "cohen_dz"}};
  for (const auto& [q, c] : paired) v[p + q + "|"] = test("paired_t", "acupuncture", c);
  v[p + "sd_diff|"] = cell(o.records, {{"roi", roi}}, "active_sd_change");
  for (const auto& [arm, name] : {std::pair{"acupuncture", "acu"}, std::pair{"sham", "sham"}}) {
    const std::string k = roi + "|one_sample_t_change_" + name + "|";
    v[k + "t|"] = test("paired_t", arm, "statistic");
    v[k + "p|"] = test("paired_t", arm, "p");
    v[k + "df|"] = test("paired_t", arm, "df");
    v[k + "mean|"] = test("paired_t", arm, "estimate");
  }
  const std::map<std::string, std::string> between = {
      {"t", "statistic"},    {"p", "p"},           {"df", "df"}, {"diff", "estimate"}, {"se", "se"},
      {"ci_lb", "ci_lower"}, {"ci_ub", "ci_upper"}};
  for (const auto& [ref, ours] : {std::pair{"welch_t_change_acu_vs_sham", "welch_t"},
                                  std::pair{"student_t_change_acu_vs_sham", "student_t"}})
    for (const auto& [q, c] : between)
      v[roi + "|" + ref + "|" + q + "|"] = test(ours, "acupuncture-sham", c);
  const std::string s = roi + "|student_t_change_acu_vs_sham|";
  v[s + "pooled_sd|"] = test("student_t", "acupuncture-sham", "pooled_sd");
  v[s + "cohen_d|"] = test("student_t", "acupuncture-sham", "cohen_d");
  v[s + "hedges_g_exactJ|"] = test("student_t", "acupuncture-sham", "hedges_g");
  v[s + "var_g_LS|"] = test("student_t", "acupuncture-sham", "hedges_g_variance");
  v[roi + "|wilcoxon_signed_rank_acu|statistic|"] = test("wilcoxon", "acupuncture", "statistic");
  v[roi + "|wilcoxon_signed_rank_acu|p|"] = test("wilcoxon", "acupuncture", "p");
  v[roi + "|mann_whitney_change|U|"] = test("mann_whitney", "acupuncture-sham", "statistic");
  v[roi + "|mann_whitney_change|p|"] = test("mann_whitney", "acupuncture-sham", "p");
}

void put_ols(Values& v, const std::string& roi, const Outputs& o) {
  const auto glm = [&](const std::string& term, const std::string& c) {
    return cell(o.glm, {{"roi", roi}, {"model", "ancova"}, {"term", term}}, c);
  };
  const std::string k = roi + "|" + kOls + "|";
  const std::map<std::string, std::string> names = {{"const", "const"},
                                                    {"acu", "arm[T.acupuncture]"},
                                                    {"age_c", "age_c"},
                                                    {"sex", "sex"},
                                                    {"pre", "pre"}};
  for (const auto& [ref, ours] : names) {
    const double shift = ref == "pre" ? 1.0 : 0.0;  // post ~ ... has pre's coefficient + 1
    v[k + "params/" + ref + "|"] = glm(ours, "estimate") - shift;
    v[k + "bse/" + ref + "|"] = glm(ours, "se");
    v[k + "ci_lb/" + ref + "|"] = glm(ours, "ci_lower") - shift;
    v[k + "ci_ub/" + ref + "|"] = glm(ours, "ci_upper") - shift;
    if (ref == "pre") continue;
    v[k + "t/" + ref + "|"] = glm(ours, "statistic");
    v[k + "p/" + ref + "|"] = glm(ours, "p");
  }
  v[k + "df_resid|"] = glm("model", "df_den");
  v[k + "df_model|"] = glm("model", "df_num");
  v[k + "sigma2|"] = glm("model", "sigma2");
  v[k + "ssr|"] = glm("model", "sigma2") * glm("model", "df_den");
  v[k + "loglik|"] = glm("model", "log_likelihood");
  v[k + "aic|"] = glm("model", "aic");
  v[k + "bic|"] = glm("model", "bic");
  v[k + "F_age_sex_joint|"] = glm("covariates", "statistic");
  v[k + "F_age_sex_p|"] = glm("covariates", "p");
  v[k + "F_age_sex_df|1"] = glm("covariates", "df_num");
  v[k + "F_age_sex_df|2"] = glm("covariates", "df_den");
}

// p and p_adjusted of three families across the five ROIs (index 1..5 in ROI order).
void put_multiplicity(Values& v, const std::string& method, const Outputs& o) {
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string index = std::to_string(i + 1), roi = kRois[i];
    const std::map<std::string, std::string> paired = {
        {"roi", roi}, {"test", "paired_t"}, {"group", "acupuncture"}};
    const std::map<std::string, std::string> welch = {
        {"roi", roi}, {"test", "welch_t"}, {"group", "acupuncture-sham"}};
    const std::map<std::string, std::string> arm = {
        {"roi", roi}, {"model", "ancova"}, {"term", "arm[T.acupuncture]"}};
    v["_multiplicity|paired_acu|p|" + index] = cell(o.tests, paired, "p");
    v["_multiplicity|welch_change|p|" + index] = cell(o.tests, welch, "p");
    v["_multiplicity|glm_group|p|" + index] = cell(o.glm, arm, "p");
    v["_multiplicity|paired_acu|" + method + "|" + index] = cell(o.tests, paired, "p_adjusted");
    v["_multiplicity|welch_change|" + method + "|" + index] = cell(o.tests, welch, "p_adjusted");
    v["_multiplicity|glm_group|" + method + "|" + index] = cell(o.glm, arm, "p_adjusted");
  }
}

bool unreachable(const std::string& key) {
  for (const char* q : {"|t/pre|", "|p/pre|", "|rsquared|", "|rsquared_adj|", "|fvalue|",
                        "|f_pvalue|", "|fixed16|"})
    if (key.find(q) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(GroupReference, EveryReachableReferenceQuantityMatchesThroughTheCommand) {
  group_test::ScratchDir dir;
  write_reference_study(dir.path() / "out");
  Values computed;
  for (const std::string method : {"BH", "holm", "bonferroni", "BY", "hochberg"}) {
    const Outputs o = run_group(dir, "  p_adjust: " + method + "\n");
    put_multiplicity(computed, method, o);
    if (method != "BH") continue;
    for (const char* roi : kRois) {
      put_tests(computed, roi, o);
      put_ols(computed, roi, o);
    }
  }
  const Outputs approx = run_group(dir, "  hedges_correction: approximate\n");
  for (const std::string roi : kRois)
    computed[roi + "|student_t_change_acu_vs_sham|hedges_g_approxJ|"] =
        cell(approx.tests, {{"roi", roi}, {"test", "student_t"}}, "hedges_g");

  const auto rows = read_csv(data_file("expected_flat.csv"));
  std::size_t compared = 0, skipped = 0;
  double worst = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const std::string key = row[0] + "|" + row[1] + "|" + row[2] + "|" + row[3];
    const double expected = std::stod(row[4]);
    if (unreachable(key)) {
      ++skipped;
      continue;
    }
    const auto it = computed.find(key);
    ASSERT_NE(it, computed.end()) << "no computed value for " << key;
    const double difference = std::fabs(it->second - expected);
    EXPECT_LE(difference, 1e-8 * std::fabs(expected))
        << key << ": ours " << it->second << ", reference " << expected;
    if (expected != 0) worst = std::max(worst, difference / std::fabs(expected));
    ++compared;
  }
  std::cout << "compared " << compared << " reference quantities through `acuroi group` ("
            << skipped << " not reachable), max relative difference " << worst << "\n";
  EXPECT_EQ(compared + skipped, 611u);
  EXPECT_EQ(skipped, 96u + 5u * 6u);
}
