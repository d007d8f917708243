// Test fixtures for the store tests: a participant record with 2 sessions × 2 runs, NaN cells,
// an empty run label, extra run/session datasets, a run large enough to be chunked and
// compressed, and awkward doubles (-0, subnormals, the largest double).
#pragma once
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "acuroi/store/participant_record.hpp"

namespace acuroi::store::testing {

inline Eigen::MatrixXd sample_series(Eigen::Index volumes, Eigen::Index rois, double seed) {
  Eigen::MatrixXd series(volumes, rois);
  for (Eigen::Index t = 0; t < volumes; ++t)
    for (Eigen::Index r = 0; r < rois; ++r)
      series(t, r) = 1000.0 * (r + 1) + 37.123456789012345 * std::sin(seed + 0.7 * t + 1.3 * r) +
                     1e-9 * std::cos(3.1 * t);
  return series;
}

inline RunRecord sample_run(const std::string& session, const std::string& task,
                            const std::string& run, Eigen::Index volumes, double seed) {
  RunRecord record;
  record.session = session;
  record.task = task;
  record.run = run;
  record.tr_seconds = task == "rest" ? 2.0 : 0.72;
  record.volume_count = volumes;
  record.grid.dims = {91, 109, 91};
  record.grid.affine << -2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1;
  record.time_series = sample_series(volumes, 3, seed);
  record.voxel_count = {412, 1630, 257};
  record.coverage = {1.0, 0.9731, 0.8125};
  record.roi_status = {"", "", ""};
  const std::string stem =
      "sub-01_ses-" + session + "_task-" + task + (run.empty() ? "" : "_run-" + run);
  record.bold_path = "/data/derivatives/sub-01/ses-" + session + "/func/" + stem +
                     "_space-MNI152NLin6Asym_desc-preproc_bold.nii.gz";
  record.confounds_path = "/data/derivatives/sub-01/ses-" + session + "/func/" + stem +
                          "_desc-confounds_timeseries.tsv";
  record.mask_path = "";
  return record;
}

inline ParticipantRecord sample_record() {
  ParticipantRecord record;
  record.participant_label = "01";
  record.arm = "acupuncture";
  record.covariates = {{"age", "34"}, {"sex", "F"}, {"site", "Beijing"}};
  record.rois = {{"ACC", "labels", "aal: Cingulum_Ant_L(31), Cingulum_Ant_R(32)"},
                 {"insula", "labels", "aal: Insula_L(29), Insula_R(30)"},
                 {"PCC", "sphere", "sphere: centre (0, -52, 26) mm, radius 8 mm"}};

  RunRecord pre1 = sample_run("pre", "rest", "1", 7, 0.1);
  pre1.time_series(2, 1) = std::numeric_limits<double>::quiet_NaN();  // one censored cell
  pre1.time_series(0, 0) = -0.0;
  pre1.time_series(1, 0) = 4.9406564584124654e-324;  // smallest subnormal
  pre1.time_series(3, 0) = std::numeric_limits<double>::max();
  pre1.arrays["censor_mask"] = vector_array(std::vector<std::uint8_t>{1, 1, 0, 1, 1, 1, 1});
  Eigen::MatrixXd confounds = sample_series(7, 2, 2.5) / 1000.0;
  confounds(4, 1) = std::numeric_limits<double>::quiet_NaN();
  pre1.arrays["confounds_used"] = matrix_array(confounds);
  pre1.arrays["confound_names"] =
      vector_array(std::vector<std::string>{"trans_x", "framewise_displacement"});
  pre1.arrays["measures/alff"] = vector_array(std::vector<double>{0.5, std::nan(""), 1.25});
  pre1.arrays["qc/fd"] =
      vector_array(std::vector<float>{0.f, 0.125f, 0.75f, 0.0625f, 0.1f, 0.2f, 0.3f});
  pre1.attributes["volumes_kept"] = std::int64_t{6};
  pre1.attributes["mean_fd"] = 0.2196;
  pre1.attributes["denoising_strategy"] = std::string("36P");

  RunRecord pre2 = sample_run("pre", "pain", "", 5, 0.2);  // no run entity
  RunRecord post1 = sample_run("post", "rest", "1", 6, 0.3);
  // An ROI below min_coverage: NaN column with its reason.
  post1.time_series.col(2).setConstant(std::numeric_limits<double>::quiet_NaN());
  post1.coverage[2] = 0.3125;
  post1.roi_status[2] = "coverage 0.3125 below min_coverage 0.5";
  // Large enough (3000 × 3 doubles = 72 kB) to be chunked and gzip-compressed.
  RunRecord post2 = sample_run("post", "rest", "2", 3000, 0.4);
  post2.coverage[1] = std::numeric_limits<double>::quiet_NaN();

  record.runs = {pre1, pre2, post1, post2};
  record.session_arrays["pre"]["measures/gm_volume_mm3"] =
      vector_array(std::vector<double>{3296.0, 13040.0, std::nan("")});

  Provenance& p = record.provenance;
  p.acuroi_version = "0.1.0";
  p.config_yaml = "study: demo\nrois:\n  preset: pain_network\nmin_coverage: 0.5\n";
  p.config_sha256 = "3f0c3b2e9d8a7f6e5d4c3b2a1908f7e6d5c4b3a291807f6e5d4c3b2a19087f6e";
  p.atlas_path = "/usr/share/mricron/templates/aal.nii.gz";
  p.atlas_sha256 = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
  p.roi_definitions_sha256 = "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff";
  p.inputs = {
      {"bold", pre1.bold_path, 123456789, std::string(64, 'a')},
      {"confounds", pre1.confounds_path, 4567, std::string(64, 'b')},
      {"brain_mask", "/data/derivatives/sub-01/ses-pre/func/mask.nii.gz", 0, std::string(64, 'c')}};
  p.created_utc = "2026-11-21T17:40:00Z";
  return record;
}

// Runs `script` with /usr/bin/python3; returns its exit status and its combined output.
inline std::pair<int, std::string> run_python(const std::string& script,
                                              const std::string& arguments) {
  const std::string command = std::string(ACUROI_PYTHON) + " " + std::string(ACUROI_SOURCE_DIR) +
                              "/tests/store/" + script + " " + arguments + " 2>&1";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "cannot run " + command};
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  return {status, output};
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh, empty directory for one test.
inline std::filesystem::path fresh_directory(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("acuroi_store_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace acuroi::store::testing
