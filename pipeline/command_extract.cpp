// `acuroi extract BOLD [--atlas aal|FILE] [--labels TABLE] [--mask FILE] [--strategy S]
//  [--min-coverage X] [-o OUT.tsv|OUT.h5]`: one-shot ROI time series, like fslmeants or 3dROIstats.
// Output: TSV (ROI names as header, one row per volume, NaN as n/a) or HDF5, atomically, or stdout.
#include <filesystem>
#include <iostream>
#include <memory>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/core/log.hpp"
#include "acuroi/extract/extract.hpp"
#include "acuroi/extract/time_series_tsv.hpp"
#include "acuroi/io/nifti.hpp"
#include "acuroi/roi/roi_map.hpp"
#include "acuroi/store/timeseries_file.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {

namespace fs = std::filesystem;

const fs::path kMricronTemplates = "/usr/share/mricron/templates";

struct ExtractCommandOptions {
  fs::path bold, atlas = "aal", labels, mask, output;
  std::string strategy = "mean";
  double min_coverage = 0.5;
};

// "aal" -> the Debian mricron AAL; a file's own table when one sits next to it: the mricron
// "<image>.txt" (aal.nii.gz -> aal.nii.txt) or the BIDS "<stem>_dseg.tsv" (for *_dseg.nii[.gz]).
void resolve_atlas(fs::path& atlas, fs::path& labels) {
  if (atlas == "aal") {
    atlas = kMricronTemplates / "aal.nii.gz";
    if (labels.empty()) labels = kMricronTemplates / "aal.nii.txt";
    return;
  }
  if (!labels.empty()) return;
  std::string stem = atlas.string();
  if (stem.ends_with(".gz")) stem.resize(stem.size() - 3);
  const fs::path mricron_table = stem + ".txt";
  if (stem.ends_with(".nii")) stem.resize(stem.size() - 4);
  const fs::path bids_table = stem + ".tsv";
  if (fs::exists(mricron_table))
    labels = mricron_table;
  else if (stem.ends_with("_dseg") && fs::exists(bids_table))
    labels = bids_table;
  if (labels.empty()) {
    core::log_info(atlas.string(), ": no label table given or found; ROIs are named by value");
  } else {
    core::log_info(atlas.string(), ": using label table ", labels.string());
  }
}

// Output by extension: .tsv or .h5 (both atomic), or TSV on stdout when no path.
void write_output(const extract::RoiTimeSeries& series, const ExtractCommandOptions& o,
                  const core::Grid& grid) {
  const fs::path& output = o.output;
  if (output.empty()) {
    std::cout << extract::roi_time_series_tsv(series) << std::flush;
    return;
  }
  if (output.extension() == ".tsv") {
    core::write_text_atomically(output, extract::roi_time_series_tsv(series));
  } else if (output.extension() == ".h5") {
    store::write_timeseries_file(
        output, {series.roi_names, series.values, series.voxel_count, series.coverage,
                 series.nan_reason, series.repetition_time_seconds, grid, o.bold.string(),
                 o.atlas.string(), o.strategy});
  } else {
    throw core::ConfigError("-o = '" + output.string() + "': output must end in .tsv or .h5");
  }
}

int run_extract(ExtractCommandOptions o) {
  const extract::ExtractionOptions options{extract::parse_reduction_strategy(o.strategy),
                                           o.min_coverage, false, o.mask};
  resolve_atlas(o.atlas, o.labels);
  io::NiftiVolumeStream bold(o.bold);
  std::shared_ptr<const roi::RoiMap> rois;
  {  // the atlas image is released once mapped: only the voxel lists stay in memory
    const roi::RegionSet regions(roi::atlas_label_regions(o.atlas, o.labels));
    rois = regions.map_to_grid(bold.grid());
  }
  std::unique_ptr<core::Volume<float>> mask;
  if (!o.mask.empty()) mask = std::make_unique<core::Volume<float>>(io::read_nifti_volume(o.mask));
  const extract::RoiTimeSeries series =
      extract::extract_roi_time_series(bold, *rois, mask.get(), options);
  for (std::size_t r = 0; r < series.nan_reason.size(); ++r) {
    if (!series.nan_reason[r].empty()) {
      core::log_warning("ROI ", series.roi_names[r], " is n/a: ", series.nan_reason[r]);
    }
  }
  write_output(series, o, bold.grid());
  return 0;
}

const CommandRegistration registration{
    "extract", 20, [](CLI::App& app) {
      auto o = std::make_shared<ExtractCommandOptions>();
      auto* cmd = app.add_subcommand(
          "extract", "ROI time series of one BOLD run (like fslmeants / 3dROIstats), as TSV or HDF5");
      cmd->add_option("bold", o->bold, "4D BOLD image (.nii or .nii.gz)")->required();
      cmd->add_option("--atlas", o->atlas,
                      "label atlas: 'aal' (mricron AAL, 116 regions) or a label image file")
          ->capture_default_str();
      cmd->add_option("--labels", o->labels, "label table: BIDS dseg.tsv or mricron .txt");
      cmd->add_option("--mask", o->mask, "brain mask on the BOLD grid (nonzero = brain)");
      cmd->add_option("--strategy", o->strategy, "per-ROI reduction")
          ->check(CLI::IsMember({"mean", "median", "std", "var", "sum", "min", "max"}))
          ->capture_default_str();
      cmd->add_option("--min-coverage", o->min_coverage,
                      "ROIs with a smaller fraction of usable voxels are n/a")
          ->check(CLI::Range(0.0, 1.0))
          ->capture_default_str();
      cmd->add_option("-o,--output", o->output, "output .tsv or .h5 (default: TSV on stdout)");
      cmd->callback([o] { select_action([o] { return run_extract(*o); }); });
    }};

}  // namespace
}  // namespace acuroi::pipeline
