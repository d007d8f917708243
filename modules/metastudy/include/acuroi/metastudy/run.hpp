// `acuroi meta CONFIG` as one library call: read every study of the config's meta: section (the
// config's own study first when it describes one: its <output.dir>/group, named study.name), pool
// per ROI × measure, and write the outputs to meta.output_dir (default <output.dir>/meta), with
// provenance: every input file with its SHA-256, the resolved config and its hash, the version.
//
//   MetaRunSummary summary = run_meta(config::load_config("meta.yaml"));
//   std::cout << describe_meta_run(summary);
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "acuroi/config/config.hpp"
#include "acuroi/metastudy/outputs.hpp"

namespace acuroi::metastudy {

// The studies in pooling order. Throws core::InputError for a missing group folder or table, a
// table row that gives too little, or when there is nothing to pool; core::ConfigError when a
// study of meta.studies has the own study's name.
std::vector<StudyInput> read_studies(const config::Config& config);

// meta.output_dir, or <output.dir>/meta.
std::filesystem::path meta_output_dir(const config::Config& config);

struct MetaRunSummary {
  MetaOutputPaths outputs;
  std::size_t studies = 0, pools = 0, pools_fitted = 0, rows_pooled = 0, rows_left_out = 0;
  std::vector<std::string> pool_lines;  // one line per pool: ROI/measure, k, estimate, CI, p
};

MetaRunSummary run_meta(const config::Config& config);

// A few lines for the terminal: counts, the pools, the outputs.
std::string describe_meta_run(const MetaRunSummary& summary);

}  // namespace acuroi::metastudy
