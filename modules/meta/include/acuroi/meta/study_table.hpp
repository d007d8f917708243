// Published-study tables for `acuroi meta --studies`: one row per study, columns named as metafor's
// escalc arguments. By measure:
//   GEN:              yi with vi, sei, ci.lb + ci.ub (or ci_lb + ci_ub, 95 %), or pval (two-sided)
//   OR RR RD AS PETO: ai bi ci di, or ai n1i ci n2i
//   MD SMD SMDH ROM:  m1i sd1i n1i m2i sd2i n2i
//   MC SMCC SMCR:     m1i m2i sd1i sd2i ni ri (SMCR needs no sd2i; it standardises by sd1i)
// Optional: a label column (study, author, slab or label), moderators named with `mods`, a subgroup
// column. A row that gives too little throws core::InputError naming the file, the row and the
// missing columns. The library entry for pooled study records (group outputs) is StudyRecords.
//
//   StudyTableOptions o; o.measure = Measure::RR;
//   StudyRecords s = load_study_table("bcg.csv", o);
//   RmaFit fit = fit_rma(s.yi, s.vi, s.moderators);
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "acuroi/meta/effect_size.hpp"
#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

struct StudyTableOptions {
  Measure measure = Measure::GEN;
  EscalcOptions escalc;              // add is replaced by default_add(measure) unless add_set
  bool add_set = false;
  std::vector<std::string> mods;     // numeric moderator columns
  std::optional<std::string> subgroup;
};

// Study records ready to pool: yi, vi, labels, moderators, subgroup labels, total sample sizes.
struct StudyRecords {
  Measure measure = Measure::GEN;
  std::vector<std::string> labels;
  Eigen::VectorXd yi, vi;
  Moderators moderators;               // empty when no mods
  std::vector<std::string> subgroups;  // empty when no subgroup column
  std::vector<double> total_n;         // NaN when the table does not give sample sizes
  std::vector<Table2x2> tables;        // 2x2 measures only (for Mantel-Haenszel / Peto)
  double total_sample_size() const;    // sum of total_n (NaN if any is unknown)
};

StudyRecords load_study_table(const std::filesystem::path& path, const StudyTableOptions& options);
// The same from CSV/TSV text in memory (`source` names it in messages).
StudyRecords parse_study_table(const std::string& text, bool csv, const std::string& source,
                               const StudyTableOptions& options);

}  // namespace acuroi::meta
