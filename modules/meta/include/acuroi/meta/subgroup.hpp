// Subgroup analysis with both tests for subgroup differences:
//  - separate tau^2: one rma per subgroup, then Q-between = Q of a fixed-effect model on the
//    subgroup estimates (weights 1/se^2), df = G - 1;
//  - common tau^2: one moderator model with the subgroup as a factor (dummy coding, first level
//    in sorted order is the reference), tested by QM (or its F version under knha/t).
// Levels are sorted as R's factor() sorts them.
//
//   SubgroupAnalysis s = subgroup_analysis(yi, vi, alloc, RmaOptions{});
//   s.Q_between, s.Q_between_p, s.common_tau2.QM, s.common_tau2.QMp
#pragma once
#include <string>
#include <vector>

#include "acuroi/meta/rma.hpp"

namespace acuroi::meta {

struct SubgroupAnalysis {
  std::vector<std::string> levels;
  std::vector<RmaFit> per_level;  // separate tau^2
  double Q_between = 0, Q_between_df = 0, Q_between_p = 1;
  RmaFit common_tau2;  // coefficients "intrcpt", "<level 2>", ... (differences to level 1)
};

SubgroupAnalysis subgroup_analysis(const Eigen::VectorXd& yi, const Eigen::VectorXd& vi,
                                   const std::vector<std::string>& group, const RmaOptions& options = {});

}  // namespace acuroi::meta
