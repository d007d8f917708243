#include "session_measures.hpp"

#include <cmath>
#include <limits>
#include <map>

#include "acuroi/io/nifti.hpp"
#include "acuroi/measures/combine_runs.hpp"
#include "acuroi/measures/fixed_effects.hpp"
#include "acuroi/measures/grey_matter.hpp"

namespace acuroi::participant {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// The fixed-effects partner of a task row: {estimate measure, se measure} or empty.
std::pair<std::string, std::string> fixed_effect_names(const std::string& measure) {
  static const std::pair<std::string, std::string> families[] = {
      {"task_beta.", "task_se."}, {"task_contrast.", "task_contrast_se."}};
  static const std::string t_of[] = {"task_t.", "task_contrast_t."};
  for (int f = 0; f < 2; ++f) {
    const auto& [estimate, se] = families[f];
    for (const std::string* prefix : {&estimate, &se, &t_of[f]})
      if (starts_with(measure, *prefix)) {
        const std::string name = measure.substr(prefix->size());
        return {estimate + name, se + name};
      }
  }
  return {};
}

std::string first_status(const std::vector<const store::MeasureRow*>& rows) {
  for (const auto* r : rows)
    if (!r->status.empty()) return r->status;
  return "no run has a value";
}

}  // namespace

store::MeasureTable combine_run_tables(const std::vector<store::MeasureTable>& runs) {
  // Rows by key in first-appearance order.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, std::vector<const store::MeasureRow*>> by_key;
  for (const auto& table : runs)
    for (const auto& row : table.rows) {
      auto& list = by_key[{row.measure, row.roi}];
      if (list.empty()) order.push_back({row.measure, row.roi});
      list.push_back(&row);
    }
  store::MeasureTable out;
  for (const auto& key : order) {
    const auto& rows = by_key[key];
    store::MeasureRow combined{key.first, key.second, kNaN, "", 0, 0};
    const auto [estimate_name, se_name] = fixed_effect_names(key.first);
    if (!estimate_name.empty()) {
      const auto& estimates = by_key[{estimate_name, key.second}];
      const auto& ses = by_key[{se_name, key.second}];
      std::vector<measures::RunEstimate> per_run;
      for (std::size_t i = 0; i < estimates.size() && i < ses.size(); ++i) {
        per_run.push_back({estimates[i]->value, ses[i]->value});
        if (std::isfinite(estimates[i]->value) && std::isfinite(ses[i]->value))
          combined.volumes_kept += estimates[i]->volumes_kept;
      }
      const auto f = measures::combine_fixed_effects(per_run);
      combined.value = key.first == estimate_name ? f.estimate : key.first == se_name ? f.standard_error : f.t;
      combined.runs_used = f.runs_used;
    } else {
      std::vector<measures::RunValue> values;
      for (const auto* r : rows) {
        values.push_back({r->value, r->volumes_kept});
        if (std::isfinite(r->value) && r->volumes_kept > 0) {
          ++combined.runs_used;
          combined.volumes_kept += r->volumes_kept;
        }
      }
      combined.value = measures::combine_run_values(values);
    }
    if (!std::isfinite(combined.value)) {
      combined.status = first_status(rows);
      combined.runs_used = 0;
      combined.volumes_kept = 0;
    }
    out.add(std::move(combined));
  }
  return out;
}

store::MeasureTable grey_matter_rows(const StudyInputs& study, const io::AnatFiles& anat,
                                     std::vector<std::filesystem::path>& used) {
  store::MeasureTable table;
  const auto names = study.regions.names();
  auto fill_nan = [&](const std::string& reason) {
    for (const auto& n : names) {
      table.add({"gm_volume_ml", n, kNaN, reason, 0, 0});
      table.add({"gm_probability", n, kNaN, reason, 0, 0});
    }
    table.add({"total_gm_ml", "brain", kNaN, reason, 0, 0});
  };
  if (!anat.gm_probseg) {
    fill_nan("no *_label-GM_probseg image for this participant");
    return table;
  }
  const core::Volume<float> gm = io::read_nifti_volume(*anat.gm_probseg);
  used.push_back(*anat.gm_probseg);
  const auto rois = study.regions.map_to_grid(gm.grid);
  for (const auto& roi : rois->rois) {
    const auto g = measures::roi_grey_matter(gm, roi.voxel_indices);
    table.add({"gm_volume_ml", roi.name, g.volume_ml, g.nan_reason, 0, 0});
    table.add({"gm_probability", roi.name, g.mean_probability, g.nan_reason, 0, 0});
  }
  if (anat.brain_mask) {
    const core::Volume<float> mask = io::read_nifti_volume(*anat.brain_mask);
    used.push_back(*anat.brain_mask);
    table.add({"total_gm_ml", "brain", measures::total_grey_matter_ml(gm, mask), "", 0, 0});
  } else {
    table.add({"total_gm_ml", "brain", kNaN, "no anatomical brain mask", 0, 0});
  }
  return table;
}

}  // namespace acuroi::participant
