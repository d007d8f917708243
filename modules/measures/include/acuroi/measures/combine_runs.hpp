// Combining the runs of one session into one value per measure.
//
// Scalar measures (mean, tSNR, ALFF, ReHo, ...): mean over runs weighted by the volumes kept in
// each run (after scrubbing); runs with a non-finite value or no volumes kept are left out.
// Connectivity: element-wise mean of Fisher z over runs, weighted the same way (averaging in z,
// not in r, as CONN and XCP-D's run concatenation imply); non-finite entries are left out per
// element. Nothing left -> NaN.
//
//   double alff = combine_run_values({{0.8, 180}, {0.9, 150}});
//   Eigen::MatrixXd z = combine_run_connectivity({z_run1, z_run2}, {180, 150});
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace acuroi::measures {

struct RunValue {
  double value = 0.0;
  std::int64_t volumes_kept = 0;
};

double combine_run_values(const std::vector<RunValue>& runs);

// Throws core::InputError when the sizes of the lists or of the matrices disagree.
Eigen::MatrixXd combine_run_connectivity(const std::vector<Eigen::MatrixXd>& run_z,
                                         const std::vector<std::int64_t>& volumes_kept);

}  // namespace acuroi::measures
