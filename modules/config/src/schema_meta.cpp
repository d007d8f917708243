// The `meta:` section: the studies to pool (acuroi group outputs and published-study tables,
// each with its moderators) and how to pool them (effect measure, tau^2 estimator, test, ...).
#include <set>

#include "acuroi/config/meta_settings.hpp"
#include "config_schema.hpp"

namespace acuroi::config::detail {

namespace {
std::string not_empty(const std::string& value) {
  return value.empty() ? "must not be empty" : std::string();
}

template <std::size_t N>
std::function<std::string(const std::string&)> one_of_names(const char* const (&names)[N]) {
  return [&names](const std::string& value) {
    std::string list;
    for (const char* name : names) {
      if (value == name) return std::string();
      list += (list.empty() ? "" : ", ") + std::string(name);
    }
    return "not an allowed value, expected one of: " + list;
  };
}

template <std::size_t N>
std::string names_text(const char* const (&names)[N]) {
  std::string list;
  for (const char* name : names) list += (list.empty() ? "" : ", ") + std::string(name);
  return "one of: " + list;
}

std::string pair_problem(const std::string& pair) {
  const auto slash = pair.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == pair.size() ||
      pair.find('/', slash + 1) != std::string::npos)
    return "an ROI and a measure as 'ROI/measure', e.g. 'ACC/alff'";
  return "";
}

std::string record_key(const RecordSite& site) {
  return site.prefix.empty() ? std::string() : site.prefix.substr(0, site.prefix.size() - 1);
}

// A study is exactly one of group / table; roi and measure belong to tables.
void check_study(MetaStudy& study, const RecordSite& site) {
  const bool group = site.has("group"), table = site.has("table");
  if (group == table)
    fail(Site{site.context, record_key(site), site.mark}, study.name,
         group ? "a study is either `group:` or `table:`, this one has both"
               : "a study needs `group:` (an acuroi group output folder) or `table:` (a "
                 "published-study table)");
  for (const char* key : {"roi", "measure"})
    if (group && site.has(key))
      fail(site.at(key), "", std::string("`") + key + "` is for tables; a group output has its own");
  if (group && study.group.empty()) fail(site.at("group"), "", "must not be empty");
  if (table && study.table.empty()) fail(site.at("table"), "", "must not be empty");
}

const RecordSchema& meta_study_schema() {
  static const RecordSchema schema = [] {
    RecordSchema s;
    Section<MetaStudy, MetaStudy> r(s, "", [](MetaStudy& x) -> MetaStudy& { return x; });
    r.field("name", &MetaStudy::name, "", "unique study name, used in every output")
        .require("beijing2019")
        .check("not empty", not_empty);
    r.field("group", &MetaStudy::group, {},
            "folder of an `acuroi group` output (holding group_study_records.tsv), or the "
            "output folder above it");
    r.field("table", &MetaStudy::table, {},
            "CSV/TSV of published studies, one row per study, metafor escalc column names "
            "(yi vi|sei, m1i sd1i n1i m2i sd2i n2i, m1i m2i sd1i sd2i ni ri, ai bi ci di)");
    r.field("roi", &MetaStudy::roi, "", "tables without a roi column: the ROI of every row");
    r.field("measure", &MetaStudy::measure, "",
            "tables without a measure column: the measure of every row");
    r.field("moderators", &MetaStudy::moderators, {},
            "study-level moderators, e.g. {pain_type: chronic, country: CN, year: 2019}");
    r.check(check_study);
    return s;
  }();
  return schema;
}

std::string unique_study_names(const std::vector<MetaStudy>& studies) {
  std::set<std::string> seen;
  for (const MetaStudy& s : studies)
    if (!seen.insert(s.name).second) return "repeated study name '" + s.name + "'";
  return "";
}

std::function<std::string(const int&)> int_range(int lo, int hi) {
  return [lo, hi](const int& v) {
    return v >= lo && v <= hi ? std::string()
                              : "out of range, must be in [" + std::to_string(lo) + ", " +
                                    std::to_string(hi) + "]";
  };
}

const EnumNames<PredictionIntervalDf>& prediction_df_names() {
  static const EnumNames<PredictionIntervalDf> names = {
      {"metafor", PredictionIntervalDf::metafor}, {"higgins", PredictionIntervalDf::higgins}};
  return names;
}

// study.dataset may be left out (or empty) only in a config that pools studies: a meta-analyst
// without own data writes a `meta:` section alone.
void check_dataset_or_meta(Config& config, const RecordSite& site) {
  if (!config.study.dataset.empty() || site.has("meta")) return;
  fail(site.at("study.dataset"), "", "must not be empty");
}
}  // namespace

void declare_meta_section(ConfigSection& root) {
  auto m = root.section("meta", &Config::meta,
                        "Meta-analysis across studies and sites (acuroi meta CONFIG).");
  m.records("studies", &MetaSettings::studies, meta_study_schema(),
            "the studies to pool, after the config's own study (when it has one)")
      .check("unique names", unique_study_names)
      .note("Examples (each study is exactly one of group, table):")
      .note("  - an acuroi group output: {name: beijing2019, group: ../beijing/out/group, "
            "moderators: {pain_type: chronic, country: CN, sham_type: non-penetrating}}")
      .note("  - a published-study table: {name: published, table: published.csv, roi: ACC, "
            "measure: alff}");
  m.field("include_own_study", &MetaSettings::include_own_study, true,
          "pool the config's own study (<output.dir>/group, named study.name) first, when the "
          "config has a study.dataset");
  m.field("own_study_moderators", &MetaSettings::own_study_moderators, {},
          "moderators of the config's own study, e.g. {pain_type: chronic, country: DE}");
  m.field("effect_measure", &MetaSettings::effect_measure, "MD",
          "effect size (metafor escalc): MD/SMD/SMDH/ROM between arms on the change, MC/SMCR/SMCC "
          "pre/post in the active arm, GEN given yi, OR/RR/RD/AS/PETO from 2x2 tables")
      .check(names_text(kMetaEffectMeasures), one_of_names(kMetaEffectMeasures));
  m.field("method", &MetaSettings::method, "REML", "tau^2 estimator (metafor rma method)")
      .check(names_text(kMetaMethods), one_of_names(kMetaMethods));
  m.field("test", &MetaSettings::test, "knha",
          "test of the pooled effect: knha (Hartung-Knapp-Sidik-Jonkman), z, adhoc (truncated "
          "knha), t")
      .check(names_text(kMetaTests), one_of_names(kMetaTests));
  m.field("level", &MetaSettings::level, 95.0, "confidence level in percent (CIs and PIs)")
      .check("in (0, 100)", [](const double& v) {
        return v > 0 && v < 100 ? std::string() : "out of range, must be in (0, 100)";
      });
  m.choice("prediction_df", &MetaSettings::prediction_df, PredictionIntervalDf::metafor,
           prediction_df_names(),
           "prediction interval reported in the summary: metafor (z, or t(k-1) under knha/adhoc/t) or "
           "higgins (t(k-2), Higgins 2009 / Stata); both are in the pooled table");
  m.field("hedges_correction", &MetaSettings::hedges_correction, "exact",
          "Hedges' J for SMD/SMCR/SMCC: exact (gamma functions, metafor) or approximate")
      .one_of({"exact", "approximate"});
  m.field("vtype", &MetaSettings::vtype, "LS", "sampling variance type (metafor vtype)")
      .one_of({"LS", "UB", "AV", "HO"});
  m.field("zero_cell_correction", &MetaSettings::zero_cell_correction, "only0",
          "2x2 tables: add 1/2 to only0 (tables with a zero cell), all, if0all, or none")
      .one_of({"only0", "all", "if0all", "none"});
  m.field("subgroup", &MetaSettings::subgroup, "",
          "moderator key for subgroup analyses with both tests for subgroup differences; "
          "empty = none");
  m.field("moderators", &MetaSettings::moderators, {},
          "moderator keys for a mixed-effects meta-regression (numbers; text moderators as "
          "treatment-coded factors); empty = none")
      .unique_items()
      .each("not empty", not_empty);
  m.field("permutations", &MetaSettings::permutations, 0,
          "permutation test of the meta-regression (metafor permutest); 0 = off")
      .check("in [0, 1000000]", int_range(0, 1000000));
  m.field("permutation_seed", &MetaSettings::permutation_seed, 0, "seed of the permutations")
      .check("in [0, 2147483647]", int_range(0, 2147483647));
  m.field("p_adjust", &MetaSettings::p_adjust, "BH",
          "multiplicity adjustment of the pooled p-values across ROIs x measures (R p.adjust)")
      .one_of({"BH", "BY", "holm", "hochberg", "bonferroni", "hommel", "none"});
  m.field("pairs", &MetaSettings::pairs, {},
          "ROI x measure pairs to pool as 'ROI/measure'; empty = every pair that at least 2 "
          "studies give")
      .unique_items()
      .each("'ROI/measure'", pair_problem);
  m.field("wide_ci_width", &MetaSettings::wide_ci_width, 1.0,
          "imprecision flag of the summary of findings: a CI wider than this (effect-size units)")
      .greater_than(0);
  m.field("output_dir", &MetaSettings::output_dir, {},
          "output folder; empty = <output.dir>/meta");
  root.check(check_dataset_or_meta);
}

}  // namespace acuroi::config::detail

namespace acuroi::config {

std::string_view to_string(PredictionIntervalDf convention) {
  for (const auto& [name, value] : detail::prediction_df_names())
    if (value == convention) return name;
  return "?";
}

}  // namespace acuroi::config
