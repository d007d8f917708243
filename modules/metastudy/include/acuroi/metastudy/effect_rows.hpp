// The inputs of a meta-analysis as effect rows: one row per study × ROI × measure with the effect
// size yi and its sampling variance vi on the configured measure (metafor escalc definitions).
//
// From an `acuroi group` output (group_study_records.tsv, columns in modules/group/SCHEMA.md):
//   MD SMD SMDH ROM   between arms on the change: m1i, sd1i, n1i = active arm's mean_change,
//                     sd_change, n; m2i, sd2i, n2i = the control arm's (MD equals the group's
//                     mean_difference and its variance; SMD with the exact J its hedges_g)
//   MC SMCR SMCC      pre/post in the active arm: m1i = mean_post, m2i = mean_pre,
//                     sd1i = sd_pre (SMCR standardises by the pre SD), sd2i = sd_post, ni = n,
//                     ri = pre_post_correlation
// A record the group could not compute (its status), a single-arm study for a between-arm
// measure, or a non-finite effect is a row with a `status` (left out, with the reason).
//
// From a published-study table (CSV/TSV, one row per study): a finite `yi` with vi, sei,
// ci.lb + ci.ub or pval is taken as is (already on the configured measure's scale); otherwise the
// measure's escalc columns (see acuroi/meta/study_table.hpp). `roi` and `measure` columns, or the
// config's roi/measure for every row. Other columns are per-row moderators (over the entry's).
// A row that gives too little throws core::InputError naming the file, the row and the columns.
//
//   EffectOptions o{meta::Measure::SMD, {}};
//   StudyInput s = read_group_study("trial-a", "/data/a/out/group", {{"country", "DE"}}, o);
//   for (const EffectRow& r : s.rows) if (r.status.empty()) use(r.yi, r.vi);
#pragma once
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acuroi/config/meta_settings.hpp"
#include "acuroi/meta/effect_size.hpp"

namespace acuroi::metastudy {

struct EffectOptions {
  meta::Measure measure = meta::Measure::MD;
  meta::EscalcOptions escalc;  // `add` is replaced by meta::default_add(measure)
};

struct EffectRow {
  static constexpr double na = std::numeric_limits<double>::quiet_NaN();
  std::string study;  // the config's study name
  std::string label;  // the study name (group outputs) or the table row's study label
  std::string roi, measure;
  double yi = na, vi = na;
  double total_n = na;                    // participants in the effect (NaN when unknown)
  std::optional<meta::Table2x2> counts;   // 2x2 measures: the table (Mantel-Haenszel, Peto)
  std::map<std::string, std::string> moderators;
  std::string status;  // "" = usable; else why the row is left out of its pool
};

struct InputFile {
  std::string path, sha256;
  std::int64_t size_bytes = 0;
};

// One entry of meta.studies (or the config's own study), read.
struct StudyInput {
  std::string name;
  std::string source;  // "group" or "table"
  InputFile file;      // the file read
  std::map<std::string, std::string> moderators;
  std::vector<EffectRow> rows;
};

EffectOptions effect_options(const config::MetaSettings& settings);

// `folder` holds group_study_records.tsv, or is an output folder whose group/ holds it.
// Throws core::InputError naming the study and the folder when there is no such file.
StudyInput read_group_study(const std::string& name, const std::filesystem::path& folder,
                            const std::map<std::string, std::string>& moderators,
                            const EffectOptions& options);

StudyInput read_table_study(const config::MetaStudy& study, const EffectOptions& options);

// Which escalc family a measure belongs to.
bool is_between_arm(meta::Measure m);  // MD SMD SMDH ROM
bool is_pre_post(meta::Measure m);     // MC SMCR SMCC
bool is_two_by_two(meta::Measure m);   // OR RR RD AS PETO

}  // namespace acuroi::metastudy
