#include "run_denoise.hpp"

#include <filesystem>

#include "acuroi/core/error.hpp"
#include "acuroi/io/json.hpp"
#include "acuroi/io/table.hpp"
#include "acuroi/store/values.hpp"

namespace acuroi::participant {

namespace {

denoise::ConfoundSelection selection(const config::DenoiseSettings& s) {
  denoise::ConfoundSelection out;
  out.strategy = denoise::parse_confound_strategy(config::to_string(s.strategy));
  out.acompcor_components = s.acompcor_components;
  if (s.acompcor_variance > 0) out.acompcor_variance = s.acompcor_variance;
  out.custom_columns = s.custom_columns;
  return out;
}

denoise::CensorOptions censor_options(const config::DenoiseSettings& s) {
  denoise::CensorOptions out;
  out.fd_threshold_mm = s.fd_threshold_mm;
  out.std_dvars_threshold =
      s.std_dvars_threshold > 0 ? std::optional<double>(s.std_dvars_threshold) : std::nullopt;
  out.min_segment_length = s.min_segment_volumes;
  if (s.dummy_volumes >= 0) out.dummy_volumes = s.dummy_volumes;
  out.min_time_s = s.min_time_seconds;
  return out;
}

std::optional<double> positive(double hz) { return hz > 0 ? std::optional(hz) : std::nullopt; }

// `..._desc-confounds_timeseries.tsv` -> `..._desc-confounds_timeseries.json`, when it exists.
std::optional<io::Json> confounds_sidecar(const std::filesystem::path& tsv) {
  auto json = tsv;
  json.replace_extension(".json");
  if (!std::filesystem::exists(json)) return std::nullopt;
  return io::read_json(json);
}

void record_censoring(const DenoisedRun& d, store::RunRecord& run) {
  const auto& c = d.censor;
  std::vector<std::uint8_t> kept;
  for (bool k : c.kept) kept.push_back(k ? 1 : 0);
  std::vector<std::int64_t> kept_indices(c.kept_indices.begin(), c.kept_indices.end());
  run.arrays["denoise/kept"] = store::vector_array(std::move(kept));
  run.arrays["denoise/kept_indices"] = store::vector_array(std::move(kept_indices));
  run.arrays["denoise/framewise_displacement"] = store::vector_array(c.framewise_displacement);
  run.arrays["denoise/confound_names"] = store::vector_array(d.confounds.names);
  if (!d.roi.regressor_names.empty())
    run.arrays["denoise/regressor_names"] = store::vector_array(d.roi.regressor_names);
  if (d.filtered_available()) run.arrays["denoise/timeseries"] = store::matrix_array(d.roi.cleaned_full(run.volume_count));
  run.attributes["volumes_kept"] = static_cast<std::int64_t>(d.excluded() ? 0 : c.kept_count());
  run.attributes["dummy_volumes"] = static_cast<std::int64_t>(c.dummy_count);
  run.attributes["motion_outlier_volumes"] = static_cast<std::int64_t>(c.motion_outlier_count);
  run.attributes["short_segment_volumes"] = static_cast<std::int64_t>(c.short_segment_count);
  run.attributes["residual_dof"] = static_cast<std::int64_t>(d.roi.residual_dof);
  run.attributes["excluded"] = static_cast<std::int64_t>(d.excluded() ? 1 : 0);
  run.attributes["exclusion_reason"] = d.exclusion_reason();
  run.attributes["filtered_series_status"] = d.filtered_available() ? std::string() : d.filtered_reason();
}

}  // namespace

DenoisedRun denoise_run(const config::DenoiseSettings& settings, const io::RunFiles& files,
                        store::RunRecord& run) {
  const io::Table table = io::read_table(files.confounds);
  if (static_cast<std::int64_t>(table.row_count()) != run.volume_count)
    throw core::InputError(files.confounds.string(), "rows", std::to_string(table.row_count()),
                           "the confounds table must have one row per BOLD volume; " +
                               files.bold.filename().string() + " has " +
                               std::to_string(run.volume_count) + " volumes");
  DenoisedRun d;
  const auto sidecar = confounds_sidecar(files.confounds);
  d.confounds = denoise::select_confounds(table, selection(settings), sidecar ? &*sidecar : nullptr);
  d.censor = denoise::censor_volumes(table, run.tr_seconds, censor_options(settings));
  d.filter.high_pass_hz = positive(settings.high_pass_hz);
  d.filter.low_pass_hz = positive(settings.low_pass_hz);
  d.filter.polynomial_order = settings.polynomial_order;
  d.unfiltered = d.filter;
  d.unfiltered.high_pass_hz.reset();
  d.unfiltered.low_pass_hz.reset();
  d.roi = denoise::denoise(run.time_series, d.confounds, d.censor, run.tr_seconds, d.filter);
  record_censoring(d, run);
  return d;
}

}  // namespace acuroi::participant
