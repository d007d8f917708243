#include "run_measures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <tbb/parallel_for.h>

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

// Per-voxel ALFF/fALFF of every distinct voxel of the ROIs (and of mALFF's brain sample): a voxel
// shared by several ROIs (a union and its members) is computed once. Voxels are processed in
// blocks of kAlffBlock: confounds and drift regressed out (no band-stop: the periodogram needs the
// whole spectrum), censored volumes filled by linear interpolation, then the periodogram.
// Memory: one block of T x kAlffBlock doubles on top of the ROI-voxel series.
constexpr Eigen::Index kAlffBlock = 2048;

struct VoxelSource {
  std::int64_t voxel;
  const extract::RoiVoxelSeries* series;
  Eigen::Index column;
};

class DistinctVoxelAlff {
 public:
  DistinctVoxelAlff(const RunMeasureInputs& in, const measures::AlffOptions& band) {
    const auto& run = in.extracted.record;
    for (std::size_t r = 0; r < in.extracted.roi_voxels.size(); ++r)
      if (run.roi_status[r].empty()) add(in.extracted.roi_voxels[r]);
    if (in.extracted.brain_sample) add(*in.extracted.brain_sample);
    std::sort(sources_.begin(), sources_.end(),
              [](const VoxelSource& a, const VoxelSource& b) { return a.voxel < b.voxel; });
    sources_.erase(std::unique(sources_.begin(), sources_.end(),
                               [](const VoxelSource& a, const VoxelSource& b) { return a.voxel == b.voxel; }),
                   sources_.end());
    const auto U = static_cast<Eigen::Index>(sources_.size());
    alff_ = {Eigen::VectorXd::Constant(U, kNaN), Eigen::VectorXd::Constant(U, kNaN)};
    const auto& d = in.denoised;
    // Blocks are independent and write disjoint ranges: the same numbers at any thread count.
    const Eigen::Index blocks = (U + kAlffBlock - 1) / kAlffBlock;
    tbb::parallel_for(Eigen::Index{0}, blocks, [&](Eigen::Index b) {
      const Eigen::Index first = b * kAlffBlock;
      const Eigen::Index n = std::min(kAlffBlock, U - first);
      Eigen::MatrixXf block(run.volume_count, n);
      for (Eigen::Index c = 0; c < n; ++c) {
        const auto& s = sources_[static_cast<std::size_t>(first + c)];
        block.col(c) = s.series->values.col(s.column);
      }
      const auto cleaned = denoise::denoise(block, d.confounds, d.censor, run.tr_seconds, d.unfiltered);
      if (cleaned.excluded) return;
      const auto per_voxel = measures::voxel_alff(
          denoise::fill_censored_linear(cleaned.cleaned, cleaned.kept_indices, run.volume_count),
          run.tr_seconds, band);
      alff_.alff.segment(first, n) = per_voxel.alff;
      alff_.falff.segment(first, n) = per_voxel.falff;
    });
    volumes_ = run.volume_count;
  }

  measures::AlffResult summarise(const std::vector<std::int64_t>& voxels) const {
    const auto n = static_cast<Eigen::Index>(voxels.size());
    measures::VoxelAlff subset{Eigen::VectorXd(n), Eigen::VectorXd(n)};
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto at = std::lower_bound(sources_.begin(), sources_.end(), voxels[static_cast<std::size_t>(i)],
                                       [](const VoxelSource& s, std::int64_t v) { return s.voxel < v; });
      const auto u = static_cast<Eigen::Index>(at - sources_.begin());
      subset.alff(i) = alff_.alff(u);
      subset.falff(i) = alff_.falff(u);
    }
    return measures::summarise_alff(subset, volumes_);
  }

 private:
  void add(const extract::RoiVoxelSeries& series) {
    for (std::size_t c = 0; c < series.voxel_indices.size(); ++c)
      sources_.push_back({series.voxel_indices[c], &series, static_cast<Eigen::Index>(c)});
  }

  std::vector<VoxelSource> sources_;  // sorted by voxel, distinct
  measures::VoxelAlff alff_;
  Eigen::Index volumes_ = 0;
};

void alff_rows(const RunMeasureInputs& in, RowWriter& rows) {
  const bool alff = config::computes(in.settings, "alff"), falff = config::computes(in.settings, "falff"),
             malff = config::computes(in.settings, "malff");
  if (!alff && !falff && !malff) return;
  const auto& run = in.extracted.record;
  const measures::AlffOptions band{in.settings.alff_band_hz[0], in.settings.alff_band_hz[1]};
  std::optional<DistinctVoxelAlff> voxels;
  if (!in.denoised.excluded()) voxels.emplace(in, band);
  double brain_mean = kNaN;
  std::string brain_status = "no brain sample";
  if (malff && voxels && in.extracted.brain_sample) {
    const auto brain = voxels->summarise(in.extracted.brain_sample->voxel_indices);
    brain_mean = brain.alff;
    brain_status = brain.nan_reason.empty() ? "brain-mean ALFF is not positive" : brain.nan_reason;
  }
  for (std::size_t r = 0; r < in.rois.size(); ++r) {
    measures::AlffResult a{kNaN, kNaN, 0, 0, ""};
    if (voxels && run.roi_status[r].empty()) a = voxels->summarise(in.extracted.roi_voxels[r].voxel_indices);
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
  // ROIs are independent: computed in parallel, written in ROI order.
  std::vector<measures::ReHoResult> results(in.rois.size(), measures::ReHoResult{kNaN, 0, 0, ""});
  tbb::parallel_for(std::size_t{0}, in.rois.size(), [&](std::size_t r) {
    measures::ReHoResult& h = results[r];
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
  });
  for (std::size_t r = 0; r < in.rois.size(); ++r)
    rows.add("reho", in.rois[r].name, results[r].reho, results[r].nan_reason, static_cast<int>(r));
}

// Why an ROI pair has no connectivity value: the run's filtered series is unavailable, or one of
// the two ROIs was rejected ("" when neither).
std::string pair_status(const RunMeasureInputs& in, const store::RunRecord& run, int a, int b,
                        const std::string& unavailable) {
  const std::string& sa = run.roi_status[static_cast<std::size_t>(a)];
  const std::string& sb = run.roi_status[static_cast<std::size_t>(b)];
  return !unavailable.empty() ? unavailable
         : !sa.empty()        ? in.rois[a].name + ": " + sa
         : !sb.empty()        ? in.rois[b].name + ": " + sb
                              : "";
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
    for (int b = a + 1; b < R; ++b)
      rows.add("fc_z", in.rois[a].name + "~" + in.rois[b].name, z(a, b),
               pair_status(in, run, a, b, unavailable));
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
               std::atanh(partial(a, b)),
               reason.empty() ? pair_status(in, run, plain[a], plain[b], "") : reason);
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
