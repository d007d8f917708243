// Private: a run's confounds, censoring and denoised ROI series, with the config's denoise
// settings; the censoring record is stored in the run (SCHEMA.md, `denoise/`).
#pragma once
#include "acuroi/config/denoise_settings.hpp"
#include "acuroi/denoise/censor.hpp"
#include "acuroi/denoise/confounds.hpp"
#include "acuroi/denoise/denoise.hpp"
#include "acuroi/io/dataset.hpp"
#include "acuroi/store/participant_record.hpp"

namespace acuroi::participant {

struct DenoisedRun {
  denoise::ConfoundMatrix confounds;
  denoise::CensorMask censor;
  denoise::DenoiseOptions filter;     // confounds + drift + band-stop: FC, ReHo
  denoise::DenoiseOptions unfiltered; // confounds + drift only: ALFF/fALFF (need the spectrum)
  denoise::DenoiseResult roi;         // ROI series cleaned with `filter`
  // Too little data left after censoring: no measure for this run.
  bool excluded() const { return censor.excluded; }
  const std::string& exclusion_reason() const { return censor.exclusion_reason; }
  // The filtered design (confounds + drift + band-stop) used up every kept volume: no FC/ReHo.
  bool filtered_available() const { return !censor.excluded && !roi.excluded; }
  const std::string& filtered_reason() const {
    return censor.excluded ? censor.exclusion_reason : roi.exclusion_reason;
  }
};

// Reads the run's confounds TSV (and its JSON sidecar when present), checks that it has one row
// per BOLD volume (else core::InputError naming the file, "rows", both counts), censors, and
// denoises the ROI series. Writes `denoise/...` arrays and attributes into `run`.
DenoisedRun denoise_run(const config::DenoiseSettings& settings, const io::RunFiles& files,
                        store::RunRecord& run);

}  // namespace acuroi::participant
