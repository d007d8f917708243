#include "acuroi/simulate/plan.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "acuroi/simulate/random.hpp"

namespace acuroi::simulate {

ArmEffect arm_effect(const EffectModel& effects, int arm) {
  const double factor = effects.effect_scale * (arm == 0 ? 1.0 : effects.placebo_fraction);
  ArmEffect e;
  for (const RoiEffect& r : effects.rois) {
    e.amplitude_log_ratio.push_back(factor * std::log(r.amplitude_ratio));
    e.mean_shift_percent.push_back(factor * r.mean_shift_percent);
    e.pain_amplitude_log_ratio.push_back(factor * std::log(r.pain_amplitude_ratio));
  }
  e.dmn_coupling_change = factor * effects.dmn_coupling_change;
  return e;
}

namespace {

std::string participant_label(int index, int count) {
  std::string label = std::to_string(index + 1);
  const std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
  return std::string(width - std::min(width, label.size()), '0') + label;
}

std::vector<int> allocate_arms(const SimulationSettings& s) {
  const int n = 2 * s.participants_per_arm;
  std::vector<int> arms(n);
  for (int i = 0; i < n; ++i) arms[i] = i < s.participants_per_arm ? 0 : 1;
  SeededRandom rng(derive_seed(s.seed, {stream::allocation}));
  for (int i = n - 1; i > 0; --i) {  // Fisher-Yates with our own portable integers
    std::swap(arms[i], arms[rng.below(static_cast<std::uint64_t>(i) + 1)]);
  }
  return arms;
}

double clamp_coupling(double c) { return std::clamp(c, 0.05, 0.95); }

// Task response amplitudes from the participant's own task stream (see plan.hpp).
void plan_task_amplitudes(const SimulationSettings& s, const ArmEffect& effect, int index,
                          SessionPlan& pre, SessionPlan& post) {
  const EffectModel& e = s.effects;
  SeededRandom rng(derive_seed(s.seed, {stream::task, static_cast<std::uint64_t>(index)}));
  for (std::size_t r = 0; r < e.rois.size(); ++r) {
    const double pain_pre =
        e.rois[r].pain_amplitude_percent * std::exp(rng.normal(0.0, e.task_amplitude_log_sd));
    const double pain_post = pain_pre * std::exp(effect.pain_amplitude_log_ratio[r] +
                                                 rng.normal(0.0, e.task_amplitude_change_log_sd));
    const double touch_pre =
        e.rois[r].touch_amplitude_percent * std::exp(rng.normal(0.0, e.task_amplitude_log_sd));
    const double touch_post = touch_pre * std::exp(rng.normal(0.0, e.task_amplitude_change_log_sd));
    pre.rois[r].pain_amplitude_percent = pain_pre;
    pre.rois[r].touch_amplitude_percent = touch_pre;
    post.rois[r].pain_amplitude_percent = pain_post;
    post.rois[r].touch_amplitude_percent = touch_post;
  }
}

ParticipantPlan plan_participant(const SimulationSettings& s, int index, int arm) {
  const EffectModel& e = s.effects;
  SeededRandom rng(derive_seed(s.seed, {stream::participant, static_cast<std::uint64_t>(index)}));
  ParticipantPlan p;
  p.index = index;
  p.label = participant_label(index, 2 * s.participants_per_arm);
  p.arm = arm;
  p.age = 20 + static_cast<int>(rng.below(46));
  p.sex = rng.uniform() < 0.5 ? "F" : "M";
  p.gm_scale = 1.0 + rng.normal(0.0, e.gm_scale_sd);
  for (std::size_t r = 0; r < simulated_regions().size(); ++r) {
    p.region_gm_scale.push_back(1.0 + rng.normal(0.0, e.gm_region_sd));
  }
  const ArmEffect effect = arm_effect(e, arm);
  // 1 for rest runs (validate() insists), so their amplitudes are unchanged bit for bit.
  const double fluctuation_scale = s.block_design.fluctuation_scale;
  SessionPlan pre{
      s.sessions[0], 1.0 + rng.normal(0.0, s.signal.session_gain_sd_percent / 100.0), {}, 0};
  SessionPlan post{
      s.sessions[1], 1.0 + rng.normal(0.0, s.signal.session_gain_sd_percent / 100.0), {}, 0};
  for (std::size_t r = 0; r < e.rois.size(); ++r) {
    const double log_pre =
        std::log(e.rois[r].pre_amplitude_percent) + rng.normal(0.0, e.amplitude_log_sd);
    const double log_post =
        log_pre + effect.amplitude_log_ratio[r] + rng.normal(0.0, e.amplitude_change_log_sd);
    const double mean_pre = rng.normal(0.0, e.mean_sd_percent);
    const double mean_post =
        mean_pre + effect.mean_shift_percent[r] + rng.normal(0.0, e.mean_change_sd_percent);
    pre.rois.push_back({fluctuation_scale * std::exp(log_pre), mean_pre});
    post.rois.push_back({fluctuation_scale * std::exp(log_post), mean_post});
  }
  pre.dmn_coupling = clamp_coupling(e.dmn_pre_coupling + rng.normal(0.0, e.coupling_sd));
  post.dmn_coupling = clamp_coupling(pre.dmn_coupling + effect.dmn_coupling_change +
                                     rng.normal(0.0, e.coupling_change_sd));
  if (s.task_design != TaskDesign::none) plan_task_amplitudes(s, effect, index, pre, post);
  p.sessions = {std::move(pre), std::move(post)};
  return p;
}

}  // namespace

std::vector<ParticipantPlan> plan_study(const SimulationSettings& s) {
  const std::vector<int> arms = allocate_arms(s);
  std::vector<ParticipantPlan> plan;
  for (int i = 0; i < static_cast<int>(arms.size()); ++i)
    plan.push_back(plan_participant(s, i, arms[i]));
  return plan;
}

}  // namespace acuroi::simulate
