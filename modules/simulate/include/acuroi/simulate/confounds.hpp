// fMRIPrep-style confounds of a simulated run, computed from the values AS STORED (so they are the
// real signals of the written BOLD), with fMRIPrep's column names.
//
//   global_signal, csf, white_matter  mean of the brain mask / CSF mask / WM mask per volume
//     + _derivative1, _power2, _derivative1_power2 (derivative: x[t] - x[t-1], row 0 n/a)
//   std_dvars, dvars  nipype compute_dvars (as fMRIPrep): values divided by their median over
//     mask x time and scaled to 1000; dvars = RMS over voxels of the temporal difference;
//     std_dvars = dvars / mean predicted SD of the difference, sqrt(2 (1 - AR1)) x robust SD
//     (IQR with "lower" percentiles / 1.349), AR1 by Yule-Walker on the demeaned series;
//     zero-variance voxels dropped; row 0 n/a
//   framewise_displacement  Power et al. 2012, row 0 n/a
//   a_comp_cor_00..05  nipype CompCor on the WM + CSF mask voxels: DCT high-pass (128 s) and mean
//     removed, each voxel divided by its SD, first left singular vectors (unit norm; sign: the
//     largest |value| is positive)
//   cosine00..  the DCT high-pass regressors sqrt(2/T) cos(pi k (t + 1/2) / T),
//     k = 1 .. max(floor(2 T TR / 128), 1) - 1 (nipype _cosine_drift)
//   trans_x .. rot_z  motion (mm, rad) + _derivative1, _power2, _derivative1_power2
// Every value is rounded to 8 significant digits (keeps the TSVs small); expansions and FD are
// computed from the rounded base columns, so they are consistent with what a reader sees.
//
//   ConfoundTable table = compute_confounds(run, tissue, 2.0);
//   io::write_tsv(path, table.columns, table.rows());
#pragma once
#include <string>
#include <vector>

#include "acuroi/simulate/anatomy.hpp"
#include "acuroi/simulate/bold.hpp"

namespace acuroi::simulate {

inline constexpr int confound_significant_digits = 8;

// x rounded to `digits` significant decimal digits (0, NaN and infinities unchanged).
double round_significant(double x, int digits = confound_significant_digits);

struct ConfoundTable {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> values;  // values[column][volume]; NaN = n/a
  // Adds the column, rounded with round_significant().
  void add(std::string name, std::vector<double> column);
  // Adds name, name_derivative1, name_power2, name_derivative1_power2 (from the rounded column).
  void add_with_expansions(const std::string& name, const std::vector<double>& column);
  const std::vector<double>& column(const std::string& name) const;  // throws core::Error if absent
};

ConfoundTable compute_confounds(const SimulatedRun& run, const ParticipantTissue& tissue,
                                double repetition_time_s);

// Mean of every volume over the listed brain voxels (positions in anatomy.mask_voxels) or over the
// whole brain mask. Summed in voxel order (deterministic).
std::vector<double> mean_series(const SimulatedRun& run,
                                const std::vector<std::int32_t>& positions);
std::vector<double> brain_mean_series(const SimulatedRun& run);

struct Dvars {
  std::vector<double> dvars, std_dvars;  // row 0 NaN
};
Dvars compute_dvars(const SimulatedRun& run);

// High-pass regressors of nipype's _cosine_drift without the constant: [T][k].
std::vector<std::vector<double>> cosine_drift_basis(int volumes, double repetition_time_s,
                                                    double period_cut_s = 128.0);

// aCompCor components over the given brain voxels: components[c][t], c < count (fewer if the
// data have fewer).
std::vector<std::vector<double>> acompcor_components(const SimulatedRun& run,
                                                     const std::vector<std::int32_t>& positions,
                                                     double repetition_time_s, int count = 6);

}  // namespace acuroi::simulate
