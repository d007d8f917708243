// Test support: effect sizes of the reference data sets, computed with our escalc, keyed by the
// reference's analysis prefixes (logRR, logOR, RD, MD, SMD, MC, changeMD, changeSMD).
#pragma once
#include <Eigen/Dense>
#include <string>

namespace acuroi::meta::testing {

struct StudySet {
  Eigen::VectorXd yi, vi;
};

StudySet study_set(const std::string& dataset, const std::string& prefix);

}  // namespace acuroi::meta::testing
