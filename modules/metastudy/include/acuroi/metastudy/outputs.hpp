// The outputs of `acuroi meta CONFIG` (layout: modules/metastudy/SCHEMA.md), each written
// atomically (temporary name, renamed when complete):
//   <dir>/meta_acuroi.h5                 every table below as an HDF5 group, plus provenance
//   <dir>/meta_<table>.tsv               pooled, study_effects, left_out, summary_of_findings,
//                                        leave_one_out, influence, cumulative, small_study,
//                                        trimfill_filled, subgroups, subgroup_tests, meta_regression,
//                                        binary_pooling, studies
//   <dir>/models/<roi>_<measure>.json    one pooled model per ROI × measure, metafor's names
// TSV: tab-separated, header line, numbers in shortest round-trip form, NaN and empty text "n/a".
//
//   MetaOutputPaths out = write_meta_outputs(dir, studies, pools, options, provenance);
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/metastudy/pooling.hpp"

namespace acuroi::metastudy {

struct MetaProvenance {
  std::string acuroi_version;
  std::string config_file;
  std::string config_yaml;    // the resolved config
  std::string config_sha256;  // config::config_hash
  std::string created_utc;    // ISO 8601
};

struct MetaOutputPaths {
  std::filesystem::path dir, h5;
  std::vector<std::filesystem::path> tsv, json;
};

// Creates `dir` (and dir/models) if needed and writes every output. JSON files of an earlier run
// in dir/models that this run does not write are removed (they would describe stale pools).
MetaOutputPaths write_meta_outputs(const std::filesystem::path& dir, const std::vector<StudyInput>& studies,
                                   const std::vector<PairPool>& pools, const PoolingOptions& options,
                                   const MetaProvenance& provenance);

// The pooled model of one ROI × measure as JSON with metafor's names: estimate, se, zval|tval,
// pval, ci_lb, ci_ub, pi_lb, pi_ub, tau2, tau2_ci_lb, tau2_ci_ub, I2, H2, QE, QEp, k, method, test,
// per study yi, vi, weights (and slab, study, moderators); plus roi, roi_measure, p_adjusted,
// left_out and notes. NaN is null.
std::string pool_json(const PairPool& pool, const PoolingOptions& options);

// The file name of a pool's JSON: "<roi>_<measure>.json", characters other than letters, digits,
// '.', '-', '_' and '~' replaced by '-'.
std::string pool_json_name(const std::string& roi, const std::string& measure);

}  // namespace acuroi::metastudy
