// Settings of the `meta:` section: pooling study records across studies and sites
// (`acuroi meta CONFIG`).
//
// Each study is either the output of `acuroi group` for one study (`group:`, the folder that holds
// group_study_records.tsv, or the output folder above it) or a table of published studies
// (`table:`, CSV/TSV with metafor escalc column names, one row per study). A table without `roi`
// and `measure` columns gives them once for all its rows (`roi:`, `measure:`). `moderators` are
// free key/value pairs (pain type, country, sham type, year ...) for subgroups and meta-regression
// (numbers, or text as factors). When the config also describes a study (study.dataset is set), that study's
// own <output.dir>/group is pooled first, named study.name. Names of methods, tests, measures and
// p.adjust methods are those of metafor and R. level is in percent (metafor's `level`).
//
//   const MetaSettings& m = config.meta;
//   for (const MetaStudy& s : m.studies) { /* s.group or s.table, s.moderators.at("country") */ }
//   std::filesystem::path dir = m.output_dir.empty() ? config.output.dir / "meta" : m.output_dir;
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::config {

enum class PredictionIntervalDf { metafor, higgins };  // z or t(k-p) as metafor; t(k-2) as Higgins/Stata

// Values of meta.effect_measure, meta.method, meta.test (metafor's names).
inline constexpr const char* kMetaEffectMeasures[] = {"MD",   "SMD", "SMDH", "ROM", "MC", "SMCR", "SMCC",
                                                      "GEN",  "OR",  "RR",   "RD",  "AS", "PETO"};
inline constexpr const char* kMetaMethods[] = {"REML", "FE", "DL", "HE", "HS", "SJ", "ML", "EB", "PM"};
inline constexpr const char* kMetaTests[] = {"knha", "z", "adhoc", "t"};

struct MetaStudy {
  std::string name;                               // unique; names the study in every output
  std::filesystem::path group;                    // an acuroi group output folder (absolute), or
  std::filesystem::path table;                    // a published-study table (absolute)
  std::string roi, measure;                       // for a table without roi / measure columns
  std::map<std::string, std::string> moderators;  // study-level moderators
  bool operator==(const MetaStudy&) const = default;
};

struct MetaSettings {
  std::vector<MetaStudy> studies;
  bool include_own_study = false;        // pool the config's own study first (when it has one)
  std::map<std::string, std::string> own_study_moderators;  // the own study's moderators
  std::string effect_measure;            // one of kMetaEffectMeasures
  std::string method;                    // tau^2 estimator, one of kMetaMethods
  std::string test;                      // one of kMetaTests
  double level = 0;                      // confidence level in percent, (0, 100)
  PredictionIntervalDf prediction_df{};  // convention of the reported prediction interval
  std::string hedges_correction;         // exact | approximate (SMD, SMCR, SMCC from tables)
  std::string vtype;                     // metafor vtype: LS | UB | AV | HO
  std::string zero_cell_correction;      // metafor `to`: only0 | all | if0all | none
  std::string subgroup;                  // moderator key for subgroup analyses; "" = none
  std::vector<std::string> moderators;   // moderator keys for meta-regression (text = factor)
  int permutations = 0;                  // permutation test of the meta-regression; 0 = off
  int permutation_seed = 0;
  std::string p_adjust;                  // R p.adjust method across ROIs x measures
  std::vector<std::string> pairs;        // "ROI/measure" to pool; empty = every pair in >= 2 studies
  double wide_ci_width = 0;              // imprecision flag: CI wider than this (effect-size units)
  std::filesystem::path output_dir;      // absolute; empty = <output.dir>/meta
  bool operator==(const MetaSettings&) const = default;
};

std::string_view to_string(PredictionIntervalDf convention);

}  // namespace acuroi::config
