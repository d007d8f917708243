// The long measure table of a run or a session: one row per ROI × measure, as stored under
// `measures/` in the participant file (SCHEMA.md) and exported as `*_measures.tsv`.
//
// Row keys: `measure` ("alff", "fc_z", "task_beta.pain", ...) and `roi` (an ROI name, "A~B" for
// an ROI pair, "brain" for whole-brain values). NaN = no value; `status` says why.
//
//   MeasureTable t;
//   t.add({"alff", "ACC", 312.5});
//   run.arrays.merge(t.arrays("measures/"));
//   MeasureTable again = MeasureTable::from_arrays(run.arrays, "measures/", "sub-01.h5");
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "acuroi/store/values.hpp"

namespace acuroi::store {

struct MeasureRow {
  std::string measure;
  std::string roi;
  double value = 0.0;
  std::string status;  // "" = ok, else why value is NaN
  std::int64_t runs_used = 0;
  std::int64_t volumes_kept = 0;
};

struct MeasureTable {
  std::vector<MeasureRow> rows;

  void add(MeasureRow row) { rows.push_back(std::move(row)); }
  // Arrays `<prefix>measure`, `roi`, `value`, `status`, `runs_used`, `volumes_kept`.
  std::map<std::string, Array> arrays(const std::string& prefix) const;
  // The inverse; throws core::InputError naming `file` and the array when one is missing or the
  // lengths disagree. An absent table (no `<prefix>measure`) gives an empty table.
  static MeasureTable from_arrays(const std::map<std::string, Array>& arrays,
                                  const std::string& prefix, const std::string& file);
  // TSV: measure, roi, value, runs_used, volumes_kept, status (NaN as n/a).
  std::string tsv_text() const;
};

}  // namespace acuroi::store
