// The study-level record of one ROI × measure, for pooling across studies (meta-analysis):
// per arm n, mean and SD (n − 1) of pre, post and change = post − pre, and the pre–post Pearson
// correlation; between arms (active − control, on the change) the mean difference with its
// variance s1²/n1 + s2²/n2 (metafor MD) and Hedges' g with its variance 1/n1 + 1/n2 + g²/(2(n1+n2))
// (metafor SMD, vtype "LS"). These feed MD, SMD, or the pre/post measures MC/SMCR/SMCC.
//
//   PrePostArm active{"acupuncture", ids_a, pre_a, post_a}, control{"sham", ids_c, pre_c, post_c};
//   StudyRecord rec = make_study_record({"ACC", "alff", active, control});
//   double g = rec.hedges_g, vi = rec.hedges_g_variance;
#pragma once
#include "acuroi/stats/effect_size.hpp"

#include <string>
#include <vector>

namespace acuroi::stats {

// One arm's pre and post values, one per participant (same order).
struct PrePostArm {
  std::string name;  // e.g. "acupuncture"
  std::vector<std::string> participant_ids;
  std::vector<double> pre, post;
  std::vector<double> change() const;  // post − pre
};

// One ROI × measure of one study.
struct PrePostData {
  std::string roi, measure;
  PrePostArm active, control;
  std::string label() const;  // "ROI ACC, measure alff"
};

struct ArmSummary {
  std::string name;
  std::size_t n = 0;
  double mean_pre = 0, sd_pre = 0;
  double mean_post = 0, sd_post = 0;
  double mean_change = 0, sd_change = 0;
  double pre_post_correlation = 0;
};

struct StudyRecord {
  std::string roi, measure;
  ArmSummary active, control;
  double mean_difference = 0;           // mean change active − mean change control
  double mean_difference_variance = 0;  // sd_change_a²/n_a + sd_change_c²/n_c
  double hedges_g = 0;                  // of the change, pooled SD
  double hedges_g_variance = 0;
  HedgesCorrection hedges_correction = HedgesCorrection::exact;
};

// Throws StatsError (message names ROI, measure, arm, column and participants): an arm with < 2
// participants, pre/post of different lengths, a NaN value, a constant pre, post or change in an
// arm (SD 0: correlation or effect size undefined).
StudyRecord make_study_record(const PrePostData& data,
                              HedgesCorrection correction = HedgesCorrection::exact);

// Validates one arm as above (used by make_study_record and analyse_prepost).
void check_arm(const PrePostData& data, const PrePostArm& arm);

}  // namespace acuroi::stats
