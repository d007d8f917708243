// The denoising design matrix: intercept + polynomial drift + confounds + DCT band-stop basis.
#include <cmath>
#include <numbers>
#include <string>

#include "acuroi/core/error.hpp"
#include "acuroi/denoise/denoise.hpp"

namespace acuroi::denoise {
namespace {

void check_options(const ConfoundMatrix& confounds, double tr, const DenoiseOptions& options) {
  if (!(tr > 0.0))
    throw core::InputError(confounds.source, "repetition_time", std::to_string(tr),
                           "must be > 0 s");
  if (options.polynomial_order < 0)
    throw core::InputError(confounds.source, "polynomial_order",
                           std::to_string(options.polynomial_order), "must be >= 0");
  if (options.high_pass_hz && !(*options.high_pass_hz >= 0.0))
    throw core::InputError(confounds.source, "high_pass_hz", std::to_string(*options.high_pass_hz),
                           "must be >= 0 Hz");
  if (options.low_pass_hz && !(*options.low_pass_hz > 0.0))
    throw core::InputError(confounds.source, "low_pass_hz", std::to_string(*options.low_pass_hz),
                           "must be > 0 Hz");
  if (options.high_pass_hz && options.low_pass_hz && *options.high_pass_hz >= *options.low_pass_hz)
    throw core::InputError(confounds.source, "low_pass_hz", std::to_string(*options.low_pass_hz),
                           "must be above high_pass_hz " + std::to_string(*options.high_pass_hz));
}

}  // namespace

DesignMatrix build_denoise_design(const ConfoundMatrix& confounds, double repetition_time_s,
                                  const DenoiseOptions& options) {
  check_options(confounds, repetition_time_s, options);
  const Eigen::Index volumes = confounds.volume_count();
  std::vector<Eigen::Index> stopped;  // DCT indices outside the pass band
  for (Eigen::Index k = 1; k < volumes; ++k) {
    const double frequency_hz =
        static_cast<double>(k) / (2.0 * static_cast<double>(volumes) * repetition_time_s);
    if ((options.high_pass_hz && frequency_hz < *options.high_pass_hz) ||
        (options.low_pass_hz && frequency_hz > *options.low_pass_hz))
      stopped.push_back(k);
  }
  const Eigen::Index drift = options.polynomial_order + 1;
  DesignMatrix design;
  design.values.resize(volumes,
                       drift + confounds.values.cols() + static_cast<Eigen::Index>(stopped.size()));
  for (Eigen::Index t = 0; t < volumes; ++t) {
    const double scaled =
        volumes > 1 ? 2.0 * static_cast<double>(t) / static_cast<double>(volumes - 1) - 1.0 : 0.0;
    for (Eigen::Index p = 0; p < drift; ++p)
      design.values(t, p) = std::pow(scaled, static_cast<double>(p));
  }
  design.names.push_back("intercept");
  for (Eigen::Index p = 1; p < drift; ++p)
    design.names.push_back("polynomial_" + std::to_string(p));
  design.values.middleCols(drift, confounds.values.cols()) = confounds.values;
  design.names.insert(design.names.end(), confounds.names.begin(), confounds.names.end());
  const Eigen::Index first_dct = drift + confounds.values.cols();
  const double n = static_cast<double>(volumes);
  for (std::size_t j = 0; j < stopped.size(); ++j) {
    const double k = static_cast<double>(stopped[j]);
    for (Eigen::Index t = 0; t < volumes; ++t)
      design.values(t, first_dct + static_cast<Eigen::Index>(j)) =
          std::sqrt(2.0 / n) * std::cos(std::numbers::pi * k * (static_cast<double>(t) + 0.5) / n);
    design.names.push_back("dct_stop_" + std::to_string(stopped[j]));
  }
  return design;
}

}  // namespace acuroi::denoise
