#include "run_measures.hpp"

#include <cmath>
#include <limits>

#include "acuroi/denoise/interpolate.hpp"
#include "acuroi/measures/alff.hpp"
#include "acuroi/measures/connectivity.hpp"
#include "acuroi/measures/reho.hpp"
#include "acuroi/measures/signal_stats.hpp"

namespace acuroi::participant {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::MatrixXd kept_rows(const Eigen::MatrixXd& series, const std::vector<Eigen::Index>& kept) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(kept.size()), series.cols());
  for (std::size_t i = 0; i < kept.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = series.row(kept[i]);
  return out;
}

class RowWriter {
 public:
  RowWriter(store::MeasureTable& table, const RunMeasureInputs& in)
      : table_(table), in_(in), volumes_(in.denoised.excluded() ? 0 : in.denoised.censor.kept_count()) {}

  // One row; an excluded run or a rejected ROI (roi >= 0) overrides value and status.
  void add(const std::string& measure, const std::string& roi_key, double value,
           std::string status = "", int roi = -1) {
    if (in_.denoised.excluded()) {
      value = kNaN;
      status = "run excluded: " + in_.denoised.exclusion_reason();
    } else if (roi >= 0 && !in_.extracted.record.roi_status[static_cast<std::size_t>(roi)].empty()) {
      value = kNaN;
      status = in_.extracted.record.roi_status[static_cast<std::size_t>(roi)];
    } else if (!std::isfinite(value) && status.empty()) {
      status = "not finite";
    }
    table_.add({measure, roi_key, value, status, 1, volumes_});
  }

 private:
  store::MeasureTable& table_;
  const RunMeasureInputs& in_;
  std::int64_t volumes_;
};

void signal_rows(const RunMeasureInputs& in, RowWriter& rows) {
  const auto& names = in.rois;
  const int R = static_cast<int>(names.size());
  measures::SignalStats stats{Eigen::VectorXd::Constant(R, kNaN), Eigen::VectorXd::Constant(R, kNaN),
                              Eigen::VectorXd::Constant(R, kNaN)};
  if (!in.denoised.excluded())
    stats = measures::signal_stats(kept_rows(in.extracted.record.time_series, in.denoised.censor.kept_indices),
                                   in.settings.sd_ddof);
  for (const char* m : {"mean", "sd", "tsnr"}) {
    if (!config::computes(in.settings, m)) continue;
    const Eigen::VectorXd& v = std::string(m) == "mean" ? stats.mean : std::string(m) == "sd" ? stats.sd : stats.tsnr;
    for (int r = 0; r < R; ++r) rows.add(m, names[r].name, v(r), "", r);
  }
}

// Voxel series of one ROI, confounds and drift regressed out, censored volumes interpolated.
Eigen::MatrixXd unfiltered_voxels(const RunMeasureInputs& in, const extract::RoiVoxelSeries& v) {
  const auto& d = in.denoised;
  const auto& run = in.extracted.record;
  const auto result = denoise::denoise(v.values, d.confounds, d.censor, run.tr_seconds, d.unfiltered);
  if (result.excluded) return {};
  return denoise::fill_censored_linear(result.cleaned, result.kept_indices, run.volume_count);
}

void alff_rows(const RunMeasureInputs& in, RowWriter& rows) {
  const bool alff = config::computes(in.settings, "alff"), falff = config::computes(in.settings, "falff"),
             malff = config::computes(in.settings, "malff");
  if (!alff && !falff && !malff) return;
  const auto& run = in.extracted.record;
  const measures::AlffOptions band{in.settings.alff_band_hz[0], in.settings.alff_band_hz[1]};
  double brain_mean = kNaN;
  std::string brain_status = "no brain sample";
  if (malff && !in.denoised.excluded() && in.extracted.brain_sample) {
    const auto brain = measures::roi_alff(unfiltered_voxels(in, *in.extracted.brain_sample), run.tr_seconds, band);
    brain_mean = brain.alff;
    brain_status = brain.nan_reason.empty() ? "brain-mean ALFF is not positive" : brain.nan_reason;
  }
  for (std::size_t r = 0; r < in.rois.size(); ++r) {
    measures::AlffResult a{kNaN, kNaN, 0, 0, ""};
    if (!in.denoised.excluded() && run.roi_status[r].empty())
      a = measures::roi_alff(unfiltered_voxels(in, in.extracted.roi_voxels[r]), run.tr_seconds, band);
    const auto& name = in.rois[r].name;
    const int roi = static_cast<int>(r);
    if (alff) rows.add("alff", name, a.alff, a.nan_reason, roi);
    if (falff) rows.add("falff", name, a.falff, a.nan_reason, roi);
    if (malff) {
      const double m = measures::normalised_alff(a.alff, brain_mean);
      rows.add("malff", name, m, std::isfinite(m) ? "" : (a.nan_reason.empty() ? brain_status : a.nan_reason), roi);
    }
  }
}

void reho_rows(const RunMeasureInputs& in, RowWriter& rows) {
  if (!config::computes(in.settings, "reho")) return;
  const auto& d = in.denoised;
  const auto& run = in.extracted.record;
  measures::ReHoOptions options;
  options.neighbourhood = static_cast<measures::ReHoNeighbourhood>(in.settings.reho_neighbourhood);
  for (std::size_t r = 0; r < in.rois.size(); ++r) {
    measures::ReHoResult h{kNaN, 0, 0, ""};
    const auto& v = in.extracted.roi_voxels.empty() ? extract::RoiVoxelSeries{} : in.extracted.roi_voxels[r];
    if (!d.filtered_available()) {
      h.nan_reason = d.filtered_reason();
    } else if (run.roi_status[r].empty()) {
      if (v.voxel_indices.size() < 2) {
        h.nan_reason = "ReHo needs at least 2 voxels; the ROI has " + std::to_string(v.voxel_indices.size());
      } else {
        const auto cleaned = denoise::denoise(v.values, d.confounds, d.censor, run.tr_seconds, d.filter);
        h = measures::roi_reho(cleaned.cleaned, v.voxel_indices, in.extracted.grid_dims, options);
      }
    }
    rows.add("reho", in.rois[r].name, h.reho, h.nan_reason, static_cast<int>(r));
  }
}

void fc_rows(const RunMeasureInputs& in, RowWriter& rows, store::RunRecord& run) {
  if (!config::computes(in.settings, "fc")) return;
  const int R = static_cast<int>(in.rois.size());
  Eigen::MatrixXd r = Eigen::MatrixXd::Constant(R, R, kNaN), z = r;
  const std::string unavailable = in.denoised.filtered_available() ? "" : in.denoised.filtered_reason();
  if (unavailable.empty()) {
    r = measures::pearson_correlation(in.denoised.roi.cleaned);
    z = measures::fisher_z(r);
  }
  run.arrays["measures/fc_r"] = store::matrix_array(r);
  run.arrays["measures/fc_z"] = store::matrix_array(z);
  for (int a = 0; a < R; ++a)
    for (int b = a + 1; b < R; ++b) {
      const std::string& sa = run.roi_status[a];
      const std::string& sb = run.roi_status[b];
      rows.add("fc_z", in.rois[a].name + "~" + in.rois[b].name, z(a, b),
               !unavailable.empty() ? unavailable
               : !sa.empty()        ? in.rois[a].name + ": " + sa
               : !sb.empty()        ? in.rois[b].name + ": " + sb
                                    : "");
    }
  for (int u = 0; u < R; ++u) {
    const auto& members = in.union_members[u];
    if (members.size() < 2) continue;
    const double within = unavailable.empty() ? measures::within_network_connectivity(z, members) : kNaN;
    rows.add("fc_within_z", in.rois[u].name, within,
             std::isfinite(within) ? "" : unavailable.empty() ? "no member pair with a value" : unavailable);
  }
  if (!in.settings.fc_partial) return;
  std::vector<int> plain;  // unions are sums of their members: leave them out of the precision
  for (int i = 0; i < R; ++i)
    if (in.union_members[i].empty()) plain.push_back(i);
  const int P = static_cast<int>(plain.size());
  Eigen::MatrixXd partial = Eigen::MatrixXd::Constant(P, P, kNaN);
  std::string reason = unavailable;
  if (unavailable.empty()) {
    Eigen::MatrixXd series(in.denoised.roi.cleaned.rows(), P);
    for (int i = 0; i < P; ++i) series.col(i) = in.denoised.roi.cleaned.col(plain[i]);
    const auto pc = measures::partial_correlation(series);
    partial = pc.matrix;
    reason = pc.nan_reason;
  }
  Eigen::MatrixXd full = Eigen::MatrixXd::Constant(R, R, kNaN);
  for (int a = 0; a < P; ++a)
    for (int b = 0; b < P; ++b) full(plain[a], plain[b]) = partial(a, b);
  run.arrays["measures/fc_partial_r"] = store::matrix_array(full);
  for (int a = 0; a < P; ++a)
    for (int b = a + 1; b < P; ++b)
      rows.add("fc_partial_z", in.rois[plain[a]].name + "~" + in.rois[plain[b]].name,
               std::atanh(partial(a, b)), reason);
}

}  // namespace

store::MeasureTable rest_measures(const RunMeasureInputs& in, store::RunRecord& run) {
  store::MeasureTable table;
  RowWriter rows(table, in);
  signal_rows(in, rows);
  alff_rows(in, rows);
  reho_rows(in, rows);
  fc_rows(in, rows, run);
  return table;
}

}  // namespace acuroi::participant
