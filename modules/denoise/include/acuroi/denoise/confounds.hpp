// Confound regressors chosen from an fMRIPrep `*_desc-confounds_timeseries.tsv` by named strategy.
//
// Strategies (Ciric et al. 2017 / XCP-D / nilearn load_confounds):
//   6P        trans_x, trans_y, trans_z, rot_x, rot_y, rot_z (mm, rad)
//   24P       6P + _derivative1 + _power2 + _derivative1_power2 of each
//   36P       24P + white_matter, csf, global_signal, each with the same three expansions
//   acompcor  a_comp_cor_XX in index order: the first `acompcor_components` (default 5, as
//             XCP-D and nilearn), or, when `acompcor_variance` is set, the components (of the
//             sidecar mask "combined" when the sidecar gives masks) up to and including the
//             first whose "CumulativeVarianceExplained" reaches it (needs the JSON sidecar)
//   custom    `custom_columns`: exact names or glob patterns with `*` and `?` (e.g. "cosine*");
//             every entry must match at least one column
// Column names of old fMRIPrep versions (< 1.4: X, Y, Z, RotX, RotY, RotZ, WhiteMatter, CSF,
// GlobalSignal, FramewiseDisplacement, stdDVARS, aCompCor00, NonSteadyStateOutlier00) are accepted
// for the new names. An expansion column that the file does not have (old fMRIPrep wrote none) is
// computed from its base column as fMRIPrep defines it: derivative1 x[t] - x[t-1], power2 x^2.
// Missing values: fMRIPrep writes n/a in the first row of derivative columns (and FD, DVARS).
// Leading n/a rows are filled with 0 (pandas fillna(0), the usual practice with fMRIPrep
// confounds), not with the next value: the backward difference of the first volume is undefined,
// 0 ("no change") adds no spurious variance, while the next value would duplicate a real motion
// step; the intercept of the regression absorbs the mean anyway. An n/a after a number throws.
// A column that cannot be found throws core::InputError naming the file, the column and the list
// of columns that exist.
//
//   io::Table table = io::read_table("sub-01_task-rest_desc-confounds_timeseries.tsv");
//   ConfoundMatrix confounds = select_confounds(table, {.strategy = ConfoundStrategy::p24});
//   // confounds.values is T x 24, confounds.names the columns used
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Dense>

#include "acuroi/io/json.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::denoise {

enum class ConfoundStrategy { p6, p24, p36, acompcor, custom };

// "6P", "24P", "36P", "acompcor", "custom" (case-insensitive); anything else throws
// core::InputError naming the value and the choices.
ConfoundStrategy parse_confound_strategy(std::string_view name);
std::string to_string(ConfoundStrategy strategy);

struct ConfoundSelection {
  ConfoundStrategy strategy = ConfoundStrategy::p24;
  int acompcor_components = 5;
  std::optional<double> acompcor_variance;  // in (0, 1]; replaces acompcor_components when set
  std::vector<std::string> custom_columns;  // names or glob patterns, for `custom`
};

struct ConfoundMatrix {
  std::string source;              // the TSV the columns came from (for error messages)
  std::vector<std::string> names;  // canonical (new fMRIPrep) names where one exists, else as read
  Eigen::MatrixXd values;          // T x K, no NaN
  Eigen::Index volume_count() const { return values.rows(); }
};

// `sidecar` is the parsed `*_desc-confounds_timeseries.json` (needed only for acompcor_variance).
ConfoundMatrix select_confounds(const io::Table& table, const ConfoundSelection& selection,
                                const io::Json* sidecar = nullptr);

// One column by its canonical name (old names, computed expansions and n/a filling as above).
std::vector<double> confound_column(const io::Table& table, const std::string& name);
// The column's actual name in `table` (canonical or old), or nullopt when neither exists.
std::optional<std::string> find_confound_column(const io::Table& table, const std::string& name);

// True when `name` matches the glob `pattern` (`*` any run of characters, `?` one character).
bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace acuroi::denoise
