// The `denoise:` section: confound strategy, censoring and filtering (the denoise module's
// ConfoundSelection, CensorOptions and DenoiseOptions, with the same defaults).
#include "config_schema.hpp"

namespace acuroi::config::detail {

namespace {
// Numbers: value >= lo (the error names the bound).
template <class T>
std::function<std::string(const T&)> at_least(T lo) {
  return [lo](const T& v) {
    return v >= lo ? std::string() : "out of range, must be >= " + format_number(lo);
  };
}
template <class T>
std::string at_least_text(T lo) {
  return ">= " + format_number(lo);
}

void check_custom_columns(Config& config, const RecordSite& site) {
  const DenoiseSettings& d = config.denoise;
  if (d.strategy != DenoiseStrategy::custom || !d.custom_columns.empty()) return;
  Site at = site.at("denoise.custom_columns");
  if (!site.has("denoise.custom_columns")) at.mark = site.at("denoise.strategy").mark;
  fail(at, "", "strategy 'custom' needs at least one column name or pattern");
}

void check_pass_band(Config& config, const RecordSite& site) {
  const DenoiseSettings& d = config.denoise;
  if (d.low_pass_hz == 0 || d.low_pass_hz > d.high_pass_hz) return;
  const bool low_written = site.has("denoise.low_pass_hz");
  const std::string key = low_written ? "denoise.low_pass_hz" : "denoise.high_pass_hz";
  fail(site.at(key), format_number(low_written ? d.low_pass_hz : d.high_pass_hz),
       "low_pass_hz (" + format_number(d.low_pass_hz) + ") must be above high_pass_hz (" +
           format_number(d.high_pass_hz) + "), or 0 for no low-pass");
}

const EnumNames<DenoiseStrategy>& denoise_strategy_names() {
  static const EnumNames<DenoiseStrategy> names = {{"6P", DenoiseStrategy::p6},
                                                   {"24P", DenoiseStrategy::p24},
                                                   {"36P", DenoiseStrategy::p36},
                                                   {"acompcor", DenoiseStrategy::acompcor},
                                                   {"custom", DenoiseStrategy::custom}};
  return names;
}
}  // namespace

void declare_denoise_section(ConfigSection& root) {
  auto d = root.section("denoise", &Config::denoise,
                        "Denoising of the BOLD runs: confound regression, censoring (scrubbing) "
                        "and temporal filtering (XCP-D/nilearn names).");
  d.choice("strategy", &DenoiseSettings::strategy, DenoiseStrategy::p24, denoise_strategy_names(),
           "confound set: 6P motion, 24P + derivatives and squares, 36P + WM/CSF/global, "
           "acompcor, or custom columns");
  d.field("acompcor_components", &DenoiseSettings::acompcor_components, 5,
          "aCompCor components per tissue (strategy acompcor)")
      .check(at_least_text(1), at_least(1));
  d.field("acompcor_variance", &DenoiseSettings::acompcor_variance, 0.0,
          "0 = use acompcor_components; else the cumulative variance fraction to keep")
      .range(0.0, 1.0);
  d.field("custom_columns", &DenoiseSettings::custom_columns, {},
          "confound columns (names or glob patterns) for strategy custom");
  d.field("fd_threshold_mm", &DenoiseSettings::fd_threshold_mm, 0.5,
          "framewise displacement (Power) above which a volume is censored")
      .greater_than(0.0);
  d.field("std_dvars_threshold", &DenoiseSettings::std_dvars_threshold, 1.5,
          "standardised DVARS above which a volume is censored; 0 = off")
      .check(at_least_text(0.0), at_least(0.0));
  d.field("min_segment_volumes", &DenoiseSettings::min_segment_volumes, 5,
          "kept segments shorter than this are censored too")
      .check(at_least_text(0), at_least(0));
  d.field("dummy_volumes", &DenoiseSettings::dummy_volumes, -1,
          "initial volumes dropped; -1 = from fMRIPrep's non_steady_state_outlier columns")
      .check(at_least_text(-1), at_least(-1));
  d.field("min_time_seconds", &DenoiseSettings::min_time_seconds, 240.0,
          "a run with less data left after censoring is excluded (with its reason)")
      .check(at_least_text(0.0), at_least(0.0));
  d.field("high_pass_hz", &DenoiseSettings::high_pass_hz, 0.01,
          "high-pass cutoff; 0 = no high-pass")
      .check(at_least_text(0.0), at_least(0.0));
  d.field("low_pass_hz", &DenoiseSettings::low_pass_hz, 0.08,
          "low-pass cutoff, above high_pass_hz; 0 = no low-pass")
      .check(at_least_text(0.0), at_least(0.0));
  d.field("polynomial_order", &DenoiseSettings::polynomial_order, 1,
          "order of the drift polynomial regressed out (0 = intercept only)")
      .check(at_least_text(0), at_least(0));
  d.check(check_custom_columns);
  d.check(check_pass_band);
}

}  // namespace acuroi::config::detail

namespace acuroi::config {

std::string_view to_string(DenoiseStrategy strategy) {
  for (const auto& [name, value] : detail::denoise_strategy_names())
    if (value == strategy) return name;
  return "?";
}

}  // namespace acuroi::config
