#include "acuroi/simulate/anatomy.hpp"

#include <algorithm>
#include <cmath>

#include "acuroi/core/error.hpp"
#include "acuroi/io/nifti.hpp"
#include "acuroi/roi/resample.hpp"
#include "acuroi/simulate/smoothing.hpp"

namespace acuroi::simulate {

namespace {

// ch2bet intensities (uint8) of CSF and of white matter: its brain histogram has the ventricles
// around 30-45 and WM around 105-120.
constexpr double csf_intensity = 40.0, wm_intensity = 105.0;

core::Volume<float> read_template(const std::filesystem::path& path) {
  try {
    return io::read_nifti_volume(path);
  } catch (...) {
    core::rethrow_with_context("reading the simulation template " + path.string());
  }
}

std::vector<std::int8_t> region_of_label(int max_label) {
  std::vector<std::int8_t> region(max_label + 1, -1);
  const auto& regions = simulated_regions();
  for (std::size_t r = 0; r < regions.size(); ++r) {
    for (int label : regions[r].aal_labels) {
      if (label <= max_label) region[label] = static_cast<std::int8_t>(r);
    }
  }
  return region;
}

}  // namespace

TemplateAnatomy build_template_anatomy(const std::filesystem::path& templates_dir,
                                       int resolution_mm, const SignalModel& model) {
  const auto aal_path = templates_dir / "aal.nii.gz", brain_path = templates_dir / "ch2bet.nii.gz";
  const core::Volume<float> aal = read_template(aal_path);
  const core::Volume<float> brain = read_template(brain_path);
  if (!aal.grid.same_as(brain.grid)) {
    throw core::InputError(
        brain_path.string(), "grid", brain.grid.describe(),
        "differs from the grid of " + aal_path.string() + " (" + aal.grid.describe() + ")");
  }
  core::Volume<float> gm_indicator{aal.grid, std::vector<float>(aal.data.size())};
  for (std::size_t v = 0; v < aal.data.size(); ++v) {
    gm_indicator.data[v] = (aal.data[v] > 0.5f && brain.data[v] > 0.0f) ? 1.0f : 0.0f;
  }
  TemplateAnatomy a;
  a.grid = mni_grid(resolution_mm);
  a.smoothing_fwhm_mm = std::max(model.smoothing_fwhm_mm, static_cast<double>(resolution_mm));
  const core::Volume<float> gm_smooth = smooth_gaussian_fwhm(gm_indicator, a.smoothing_fwhm_mm);
  const core::Volume<float> intensity_smooth = smooth_gaussian_fwhm(brain, a.smoothing_fwhm_mm);

  int max_label = 0;
  for (float v : aal.data) max_label = std::max(max_label, static_cast<int>(std::lround(v)));
  const std::vector<std::int8_t> region_of = region_of_label(max_label);
  a.max_aal_label = max_label;
  a.region_voxel_count.assign(simulated_regions().size(), 0);

  roi::for_each_nearest_source_voxel(
      aal.grid, a.grid, [&](std::int64_t target, std::int64_t source) {
        if (source < 0 || !(brain.data[source] > 0.0f)) return;
        a.mask_voxels.push_back(target);
        a.gm_probability.push_back(std::clamp(gm_smooth.data[source], 0.0f, 1.0f));
        const double share =
            (intensity_smooth.data[source] - csf_intensity) / (wm_intensity - csf_intensity);
        a.wm_share.push_back(static_cast<float>(std::clamp(share, 0.0, 1.0)));
        const int label = std::clamp(static_cast<int>(std::lround(aal.data[source])), 0, max_label);
        a.aal_label.push_back(static_cast<std::int16_t>(label));
        a.region.push_back(region_of[label]);
        if (region_of[label] >= 0) ++a.region_voxel_count[region_of[label]];
      });
  for (std::size_t r = 0; r < a.region_voxel_count.size(); ++r) {
    if (a.region_voxel_count[r] == 0) {
      throw core::InputError(aal_path.string(), "labels", simulated_regions()[r].name,
                             "the simulated region has no voxel on the output grid");
    }
  }
  return a;
}

ParticipantTissue participant_tissue(const TemplateAnatomy& a, const ParticipantPlan& plan,
                                     const SignalModel& model) {
  const std::size_t n = a.mask_voxels.size();
  ParticipantTissue t;
  t.gm.resize(n);
  t.wm.resize(n);
  t.csf.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double scale = plan.gm_scale;
    if (a.region[i] >= 0) scale *= plan.region_gm_scale[a.region[i]];
    const double gm = std::clamp(a.gm_probability[i] * scale, 0.0, 1.0);
    t.gm[i] = static_cast<float>(gm);
    t.wm[i] = static_cast<float>((1.0 - gm) * a.wm_share[i]);
    t.csf[i] = static_cast<float>((1.0 - gm) * (1.0 - a.wm_share[i]));
    if (t.wm[i] >= static_cast<float>(model.wm_mask_threshold))
      t.wm_voxels.push_back(static_cast<std::int32_t>(i));
    if (t.csf[i] >= static_cast<float>(model.csf_mask_threshold))
      t.csf_voxels.push_back(static_cast<std::int32_t>(i));
  }
  return t;
}

}  // namespace acuroi::simulate
