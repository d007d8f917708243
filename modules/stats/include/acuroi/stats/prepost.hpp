// The per-study pre/post analysis of one ROI × measure: within each arm the paired t (post vs
// pre) and the one-sample t on the change; between arms (active − control, on the change) Welch
// and Student t, pooled SD, Cohen's d, Hedges' g and var(g); optionally Wilcoxon signed-rank per
// arm and Mann–Whitney U between arms; and the study-level record for meta-analysis.
// Errors name the ROI, measure, arm, column and participants (StatsError).
//
//   PrePostData data{"ACC", "alff", {"acupuncture", ids_a, pre_a, post_a}, {"sham", ids_c, pre_c,
//   post_c}}; PrePostResult r = analyse_prepost(data, {.rank_tests = true}); double p =
//   r.between().p;   // Welch unless options.between_variance says Student
#pragma once
#include "acuroi/stats/effect_size.hpp"
#include "acuroi/stats/rank_tests.hpp"
#include "acuroi/stats/study_record.hpp"
#include "acuroi/stats/t_tests.hpp"

#include <optional>

namespace acuroi::stats {

struct PrePostOptions {
  TwoSampleVariance between_variance = TwoSampleVariance::welch;  // the primary between-arm test
  HedgesCorrection hedges_correction = HedgesCorrection::exact;
  double confidence = 0.95;
  bool rank_tests = false;  // Wilcoxon per arm and Mann–Whitney between arms
  WilcoxonOptions wilcoxon;
  MannWhitneyOptions mann_whitney;
};

struct ArmTests {
  PairedTTest paired;     // post vs pre
  OneSampleTTest change;  // change vs 0 (same t and p as paired)
  std::optional<WilcoxonSignedRank> wilcoxon;
};

struct PrePostResult {
  std::string roi, measure;
  ArmTests active, control;
  TwoSampleTTest welch, student;  // on the change, active − control
  TwoSampleVariance primary = TwoSampleVariance::welch;
  StandardizedDifference effect;  // Cohen's d, Hedges' g (chosen J), var(g)
  std::optional<MannWhitneyU> mann_whitney;
  StudyRecord record;

  const TwoSampleTTest& between() const {
    return primary == TwoSampleVariance::welch ? welch : student;
  }
};

PrePostResult analyse_prepost(const PrePostData& data, const PrePostOptions& options = {});

}  // namespace acuroi::stats
