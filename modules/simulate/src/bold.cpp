#include "acuroi/simulate/bold.hpp"

#include <algorithm>
#include <cmath>

#include "acuroi/simulate/random.hpp"
#include "acuroi/simulate/series.hpp"

namespace acuroi::simulate {

namespace {

constexpr double global_high_hz = 0.1;

struct RunTimeCourses {
  std::vector<double> common, artefact, pulsation;  // fractions of baseline
  std::vector<std::vector<double>> region;          // percent, per simulated region
  std::vector<std::vector<double>> background;      // fraction, per AAL label (empty if none)
};

// Index of the analysis ROI (in simulated_rois()) of each simulated region.
int roi_index_of(const SimulatedRegion& region) {
  const auto& rois = simulated_rois();
  return static_cast<int>(std::find(rois.begin(), rois.end(), region.roi) - rois.begin());
}

std::vector<double> artefact_series(SeededRandom& rng, const MotionTrace& motion, int volumes,
                                    const SignalModel& m) {
  std::vector<double> artefact(volumes, 0.0);
  const double mean_z = series_mean(motion.parameters[2]);
  for (int t = 0; t < volumes; ++t) {
    artefact[t] = m.motion_signal_percent_per_mm / 100.0 * (motion.parameters[2][t] - mean_z);
  }
  for (std::size_t s = 0; s < motion.spike_volumes.size(); ++s) {
    const double sign = rng.uniform() < 0.5 ? -1.0 : 1.0;
    artefact[motion.spike_volumes[s]] +=
        sign * m.spike_intensity_percent / 100.0 * motion.spike_size_mm[s];
  }
  return artefact;
}

RunTimeCourses time_courses(SeededRandom& rng, const SimulationSettings& s,
                            const TemplateAnatomy& anatomy, const SessionPlan& plan,
                            const MotionTrace& motion) {
  const SignalModel& m = s.signal;
  const int T = s.volumes;
  const double tr = s.repetition_time_s;
  RunTimeCourses c;
  c.artefact = artefact_series(rng, motion, T, m);
  c.common = drift_series(rng, T, m.drift_percent / 100.0);
  const std::vector<double> global = band_limited_series(rng, T, tr, m.band_low_hz, global_high_hz);
  for (int t = 0; t < T; ++t) c.common[t] += m.global_percent / 100.0 * global[t];

  // One fluctuation per analysis ROI (the DMN's is its common component), then the DMN parts' own.
  std::vector<std::vector<double>> roi_fluctuation;
  for (std::size_t r = 0; r < simulated_rois().size(); ++r) {
    roi_fluctuation.push_back(band_limited_series(rng, T, tr, m.band_low_hz, m.band_high_hz));
  }
  const auto& regions = simulated_regions();
  for (const SimulatedRegion& region : regions) {
    const int r = roi_index_of(region);
    std::vector<double> f = roi_fluctuation[r];
    if (region.roi == "DMN") {
      f = mix_series(roi_fluctuation[r],
                     band_limited_series(rng, T, tr, m.band_low_hz, m.band_high_hz),
                     plan.dmn_coupling);
    }
    std::vector<double> percent(T);
    for (int t = 0; t < T; ++t) {
      percent[t] = plan.rois[r].mean_shift_percent + plan.rois[r].amplitude_percent * f[t];
    }
    c.region.push_back(std::move(percent));
  }
  // Every other AAL label carries its own weaker fluctuation.
  std::vector<bool> planted(anatomy.max_aal_label + 1, false);
  for (const SimulatedRegion& region : regions) {
    for (int label : region.aal_labels) {
      if (label <= anatomy.max_aal_label) planted[label] = true;
    }
  }
  c.background.resize(anatomy.max_aal_label + 1);
  for (int label = 1; label <= anatomy.max_aal_label; ++label) {
    if (planted[label]) continue;
    c.background[label] = band_limited_series(rng, T, tr, m.band_low_hz, m.band_high_hz);
    for (double& v : c.background[label]) v *= m.background_percent / 100.0;
  }
  c.pulsation.resize(T);
  for (int t = 0; t < T; ++t) c.pulsation[t] = rng.normal(0.0, m.csf_pulsation_percent / 100.0);
  return c;
}

float stored_value(double y, const SimulationSettings& s) {
  if (s.bold_storage == BoldStorage::float32) return static_cast<float>(y);
  const double q = std::clamp(std::nearbyint(y / s.bold_step), -32768.0, 32767.0);
  return static_cast<float>(q * s.bold_step);  // exact: |q| < 2^15, step a power of two
}

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = series_mean(x), my = series_mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t t = 0; t < x.size(); ++t) {
    sxy += (x[t] - mx) * (y[t] - my);
    sxx += (x[t] - mx) * (x[t] - mx);
    syy += (y[t] - my) * (y[t] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

// The ROI-level planted series: each region's series weighted by the summed baseline of its voxels.
void summarise_planted_signal(SimulatedRun& run, const TemplateAnatomy& anatomy,
                              const std::vector<double>& baseline) {
  const auto& regions = simulated_regions();
  std::vector<double> region_weight(regions.size(), 0.0);
  for (std::size_t i = 0; i < baseline.size(); ++i) {
    if (anatomy.region[i] >= 0) region_weight[anatomy.region[i]] += baseline[i];
  }
  std::vector<std::size_t> dmn_parts;
  for (std::size_t r = 0; r < simulated_rois().size(); ++r) {
    std::vector<double> series(run.volumes, 0.0);
    double total = 0.0;
    for (std::size_t g = 0; g < regions.size(); ++g) {
      if (roi_index_of(regions[g]) != static_cast<int>(r)) continue;
      total += region_weight[g];
      for (int t = 0; t < run.volumes; ++t)
        series[t] += region_weight[g] * run.region_signal_percent[g][t];
      if (regions[g].roi == "DMN") dmn_parts.push_back(g);
    }
    for (double& v : series) v /= total;
    run.roi_fluctuation_sd_percent.push_back(std::sqrt(series_variance(series)));
  }
  double sum = 0.0;
  int pairs = 0;
  for (std::size_t a = 0; a < dmn_parts.size(); ++a) {
    for (std::size_t b = a + 1; b < dmn_parts.size(); ++b, ++pairs) {
      sum += correlation(run.region_signal_percent[dmn_parts[a]],
                         run.region_signal_percent[dmn_parts[b]]);
    }
  }
  run.dmn_part_correlation = pairs ? sum / pairs : 0.0;
}

// The blocks of a task run and each ROI's planted response (percent), from the run's own stream.
void plant_task_response(SimulatedRun& out, const SimulationSettings& s, const SessionPlan& plan,
                         int participant, int session, int run) {
  SeededRandom rng(
      derive_seed(s.seed, {stream::task_events, static_cast<std::uint64_t>(participant),
                           static_cast<std::uint64_t>(session), static_cast<std::uint64_t>(run)}));
  out.task_blocks = plan_task_blocks(rng, s.block_design, s.volumes, s.repetition_time_s);
  const std::vector<double> pain =
      condition_response(out.task_blocks, 0, s.volumes, s.repetition_time_s);
  const std::vector<double> touch =
      condition_response(out.task_blocks, 1, s.volumes, s.repetition_time_s);
  for (const RoiSessionValues& roi : plan.rois) {
    std::vector<double> percent(s.volumes);
    for (int t = 0; t < s.volumes; ++t) {
      percent[t] = roi.pain_amplitude_percent * pain[t] + roi.touch_amplitude_percent * touch[t];
    }
    out.task_response_percent.push_back(std::move(percent));
  }
}

}  // namespace

SimulatedRun simulate_run(const SimulationSettings& s, const TemplateAnatomy& anatomy,
                          const ParticipantTissue& tissue, const ParticipantPlan& participant,
                          int session, int run) {
  const SignalModel& m = s.signal;
  const SessionPlan& plan = participant.sessions[session];
  SeededRandom rng(
      derive_seed(s.seed, {stream::bold, static_cast<std::uint64_t>(participant.index),
                           static_cast<std::uint64_t>(session), static_cast<std::uint64_t>(run)}));
  SimulatedRun out;
  out.volumes = s.volumes;
  out.voxels = anatomy.mask_voxels.size();
  out.motion = simulate_motion(rng, s.volumes, m);
  RunTimeCourses c = time_courses(rng, s, anatomy, plan, out.motion);
  const bool task = s.task_design != TaskDesign::none;
  if (task) plant_task_response(out, s, plan, participant.index, session, run);
  std::vector<int> region_roi;
  for (const SimulatedRegion& region : simulated_regions())
    region_roi.push_back(roi_index_of(region));

  const std::size_t n = out.voxels;
  std::vector<double> baseline(n), artefact_weight(n);
  for (std::size_t i = 0; i < n; ++i) {
    baseline[i] = plan.gain * (m.gm_baseline * tissue.gm[i] + m.wm_baseline * tissue.wm[i] +
                               m.csf_baseline * tissue.csf[i]);
    artefact_weight[i] = 0.5 + tissue.csf[i];
  }
  const double noise_sd = m.noise_percent / 100.0;
  const double innovation_sd = std::sqrt(1.0 - m.noise_ar1 * m.noise_ar1);
  std::vector<double> noise(n);
  out.values.resize(static_cast<std::size_t>(s.volumes) * n);
  for (int t = 0; t < s.volumes; ++t) {
    float* volume = out.values.data() + static_cast<std::size_t>(t) * n;
    for (std::size_t i = 0; i < n; ++i) {
      noise[i] = t == 0 ? rng.normal() : m.noise_ar1 * noise[i] + innovation_sd * rng.normal();
      double signal = 0.0;
      if (anatomy.region[i] >= 0) {
        signal = c.region[anatomy.region[i]][t] / 100.0;
        if (task) signal += out.task_response_percent[region_roi[anatomy.region[i]]][t] / 100.0;
      } else if (anatomy.aal_label[i] > 0) {
        signal = tissue.gm[i] * c.background[anatomy.aal_label[i]][t];
      }
      const double y =
          baseline[i] * (1.0 + c.common[t] + c.artefact[t] * artefact_weight[i] +
                         tissue.csf[i] * c.pulsation[t] + signal + noise_sd * noise[i]);
      volume[i] = stored_value(y, s);
    }
  }
  out.region_signal_percent = std::move(c.region);
  summarise_planted_signal(out, anatomy, baseline);
  return out;
}

}  // namespace acuroi::simulate
