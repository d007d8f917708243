// End-to-end cross-check of the participant measures: `acuroi simulate` writes small 8 mm
// datasets, `acuroi participant` denoises and measures them, and check_measures.py recomputes
// every run's censoring, denoised series, mean/SD/tSNR, FC (and partial FC), ALFF/fALFF/mALFF,
// ReHo, task GLM, the session combination of runs and the grey-matter rows with
// nibabel/numpy/scipy (statsmodels for OLS when installed) from the same files, at the
// tolerances it prints. Bad input: a confounds table of the wrong length fails that participant
// alone; events after the run end are dropped with a warning; a fully scrubbed run is excluded
// with its reason; ReHo of a one-voxel ROI is NaN with its reason.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr
};

CommandResult run(const std::string& command) {
  CommandResult result{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) result.output += buffer;
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

const std::string kAcuroi = ACUROI_BINARY;
const std::string kPython = ACUROI_PYTHON;
const std::string kSource = ACUROI_SOURCE_DIR;

// configs/pain-network.yaml, spelled out independently for the checker.
const std::string kPainRois =
    " --roi ACC=labels:Cingulum_Ant_L,Cingulum_Ant_R --roi insula=labels:Insula_L,Insula_R"
    " --roi S1=labels:Postcentral_L,Postcentral_R --roi thalamus=labels:Thalamus_L,Thalamus_R"
    " --roi DMN_mPFC=labels:Frontal_Sup_Medial_L,Frontal_Sup_Medial_R,Frontal_Med_Orb_L,"
    "Frontal_Med_Orb_R"
    " --roi DMN_PCC_precuneus=labels:Cingulum_Post_L,Cingulum_Post_R,Precuneus_L,Precuneus_R"
    " --roi DMN_angular=labels:Angular_L,Angular_R"
    " --roi DMN=union:DMN_mPFC,DMN_PCC_precuneus,DMN_angular";
// A 1 mm sphere centred on a voxel centre of the 8 mm MNI grid (x = 90 - 8i, y = -126 + 8j,
// z = -72 + 8k): exactly one voxel, in the posterior cingulate.
const std::string kPointRegion =
    "  regions:\n    - name: PCC_point\n      sphere: {center_mm: [2, -54, 24], radius_mm: 1}\n";
const std::string kPointRoi = " --roi PCC_point=sphere:2,-54,24,1";

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream split(line);
  for (std::string cell; std::getline(split, cell, '\t');) cells.push_back(cell);
  return cells;
}

// One row of a `*_measures.tsv` export: measure, roi, value, runs_used, volumes_kept, status.
struct TsvRow {
  std::string value, status;
  std::int64_t volumes_kept = -1;
};

std::map<std::string, TsvRow> read_measures_tsv(const fs::path& path) {
  std::map<std::string, TsvRow> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto cells = split_tabs(line);
    if (cells.size() == 6)
      rows[cells[0] + " " + cells[1]] = {cells[2], cells[5], std::stoll(cells[4])};
  }
  return rows;
}

fs::path find_file(const fs::path& folder, const std::string& part) {
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.path().filename().string().find(part) != std::string::npos) return e.path();
  return {};
}

// Rewrites every confounds TSV below `folder`: drops the columns `drop` accepts and appends the
// columns of `flags` (name -> the 0-based rows where the column is 1; 0 elsewhere).
void edit_confounds(const fs::path& folder, const std::function<bool(const std::string&)>& drop,
                    const std::map<std::string, std::set<int>>& flags = {}) {
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (e.path().string().find("desc-confounds_timeseries.tsv") == std::string::npos) continue;
    std::vector<std::vector<std::string>> rows;
    {
      std::ifstream in(e.path());
      for (std::string line; std::getline(in, line);) rows.push_back(split_tabs(line));
    }
    std::ofstream out(e.path());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string line;
      for (std::size_t c = 0; c < rows[r].size(); ++c)
        if (!drop(rows[0][c])) line += (line.empty() ? "" : "\t") + rows[r][c];
      for (const auto& [name, set] : flags)
        line += "\t" + (r == 0 ? name : set.count(static_cast<int>(r) - 1) ? "1" : "0");
      out << line << '\n';
    }
  }
}

class MeasuresPipeline : public ::testing::Test {
 protected:
  static fs::path root;

  static void SetUpTestSuite() {
    // ctest runs each test in its own process, possibly in parallel: one folder per process.
    root = fs::temp_directory_path() / ("acuroi_measures_e2e_" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  static void TearDownTestSuite() { fs::remove_all(root); }

  // A simulated dataset (2 participants, 8 mm), made once per process.
  static fs::path dataset(const std::string& name) {
    static const std::map<std::string, std::string> options = {
        {"rest", "--seed 5 --volumes 150"},
        {"rest-2runs", "--seed 7 --volumes 100 --runs 2"},
        {"task", "--seed 9 --volumes 120 --runs 2 --task pain --task-design block"}};
    const fs::path path = root / name;
    if (!fs::exists(path)) {
      const auto sim = run(kAcuroi + " simulate --out " + path.string() +
                           " --participants 1 --resolution 8 " + options.at(name));
      EXPECT_EQ(sim.exit_code, 0) << sim.output;
    }
    return path;
  }

  // A copy of a simulated dataset to damage.
  static fs::path copy_of(const std::string& name, const std::string& copy) {
    const fs::path path = root / copy;
    fs::remove_all(path);
    fs::copy(dataset(name), path, fs::copy_options::recursive);
    return path;
  }

  // Config with the pain-network preset (+ extra regions), the given denoise and measures
  // sections (YAML lines, two-space indented), TSV exports on. Returns the config path.
  static fs::path write_config(const std::string& name, const fs::path& data,
                               const std::string& task, const std::string& denoise,
                               const std::string& measures, const std::string& regions = "") {
    const fs::path path = root / (name + ".yaml");
    std::ofstream(path) << "study:\n  name: " << name << "\n  dataset: " << data.string()
                        << "\n  arm_column: arm\n  arms: [acupuncture, sham]\n  task: " << task
                        << "\n  space: MNI152NLin6Asym\nrois:\n  preset: " << kSource
                        << "/configs/pain-network.yaml\n"
                        << regions << "denoise:\n"
                        << denoise << "measures:\n"
                        << measures << "output:\n  dir: " << (root / ("out-" + name)).string()
                        << "\n  write_tsv: true\n";
    return path;
  }

  static fs::path output(const std::string& name, const std::string& label) {
    return root / ("out-" + name) / ("sub-" + label) / ("sub-" + label + "_acuroi.h5");
  }

  // check_measures.py on the participants' files; `settings` are its config options.
  static CommandResult check(const fs::path& data, const std::string& name,
                             const std::vector<std::string>& labels, const std::string& settings) {
    std::string files;
    for (const auto& label : labels) files += " " + output(name, label).string();
    return run(kPython + " " + kSource + "/tests/participant/check_measures.py " + data.string() +
               files + kPainRois + " " + settings);
  }
};
fs::path MeasuresPipeline::root;

const std::string kRest6P = "  strategy: 6P\n  min_time_seconds: 120\n";
const std::string kRest6PChecker = "--strategy 6P --min-time 120";
const std::string kAllRestMeasures =
    "  compute: [mean, sd, tsnr, alff, falff, malff, reho, fc, gm_volume]\n  fc_partial: true\n";
const std::string kAllRestChecker =
    "--measures mean,sd,tsnr,alff,falff,malff,reho,fc,gm_volume --fc-partial";

TEST_F(MeasuresPipeline, Rest6PAllMeasuresMatchNumpyAndAOneVoxelRoiHasNoReHo) {
  const auto data = dataset("rest");
  const auto config = write_config("rest6p", data, "rest", kRest6P, kAllRestMeasures, kPointRegion);
  const auto r = run(kAcuroi + " participant " + config.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto c =
      check(data, "rest6p", {"01", "02"}, kPointRoi + " " + kRest6PChecker + " " + kAllRestChecker);
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("ok 2 file(s), 4 runs (0 excluded)"), std::string::npos) << c.output;
  for (const char* quantity : {"denoised series", "band-stop", "fc_partial", "malff", "reho", "gm"})
    EXPECT_NE(c.output.find(quantity), std::string::npos) << quantity << " not checked\n"
                                                          << c.output;

  // The one-voxel sphere: ReHo NaN with the reason, its other measures present.
  const auto rows =
      read_measures_tsv(find_file(root / "out-rest6p" / "sub-01" / "ses-pre", "_measures.tsv"));
  ASSERT_TRUE(rows.count("reho PCC_point")) << "no ReHo row for the one-voxel ROI";
  EXPECT_EQ(rows.at("reho PCC_point").value, "n/a");
  EXPECT_NE(rows.at("reho PCC_point").status.find("ReHo needs at least 2 voxels; the ROI has 1"),
            std::string::npos)
      << rows.at("reho PCC_point").status;
  EXPECT_NE(rows.at("alff PCC_point").value, "n/a");
  EXPECT_NE(rows.at("reho ACC").value, "n/a");

  // The checker is not vacuous: the same file checked with another ALFF band fails.
  const auto wrong =
      check(data, "rest6p", {"01"},
            kPointRoi + " " + kRest6PChecker + " " + kAllRestChecker + " --alff-band 0.01 0.1");
  EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
  EXPECT_NE(wrong.output.find("MISMATCH"), std::string::npos) << wrong.output;
  EXPECT_NE(wrong.output.find("alff ACC"), std::string::npos) << wrong.output;
}

TEST_F(MeasuresPipeline, Rest24PHighPassOnlyWithDummiesAndShortSegmentsMatchesNumpy) {
  // sub-01 without the framewise_displacement column (Power FD from the motion columns), sub-02
  // without the motion expansions (computed from the base columns, as fMRIPrep defines them).
  const auto data = copy_of("rest", "rest-fewer-columns");
  edit_confounds(data / "sub-01",
                 [](const std::string& c) { return c == "framewise_displacement"; });
  edit_confounds(data / "sub-02", [](const std::string& c) {
    const bool motion = c.rfind("trans_", 0) == 0 || c.rfind("rot_", 0) == 0;
    return motion &&
           (c.find("_derivative1") != std::string::npos || c.find("_power2") != std::string::npos);
  });
  const std::string denoise =
      "  strategy: 24P\n  fd_threshold_mm: 0.3\n  std_dvars_threshold: 0\n  dummy_volumes: 3\n"
      "  min_segment_volumes: 8\n  min_time_seconds: 100\n  high_pass_hz: 0.01\n"
      "  low_pass_hz: 0\n  polynomial_order: 2\n";
  const std::string measures =
      "  compute: [mean, sd, tsnr, alff, falff, reho, fc]\n  alff_band_hz: [0.01, 0.1]\n"
      "  reho_neighbourhood: 19\n  sd_ddof: 0\n";
  const auto config = write_config("rest24p", data, "rest", denoise, measures);
  const auto r = run(kAcuroi + " participant " + config.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto c =
      check(data, "rest24p", {"01", "02"},
            "--strategy 24P --fd-threshold 0.3 --dvars-threshold 0 --dummy 3 --min-segment 8"
            " --min-time 100 --high-pass 0.01 --low-pass 0 --poly-order 2"
            " --measures mean,sd,tsnr,alff,falff,reho,fc --alff-band 0.01 0.1"
            " --reho-neighbourhood 19 --sd-ddof 0");
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("ok 2 file(s), 4 runs (0 excluded)"), std::string::npos) << c.output;
  EXPECT_NE(c.output.find("censored volumes: 12 dummy"), std::string::npos) << c.output;
  EXPECT_NE(c.output.find("runs with Power FD: 2, with computed expansions: 2"), std::string::npos)
      << c.output;
  EXPECT_EQ(c.output.find(" 0 in short segments"), std::string::npos) << "no short segment\n"
                                                                      << c.output;
}

TEST_F(MeasuresPipeline, TwoRunsPerSessionCombineWeightedByVolumesKept) {
  // Dummy volumes from fMRIPrep's non_steady_state_outlier_XX columns (volumes 0 and 1).
  const auto data = copy_of("rest-2runs", "rest-2runs-dummies");
  edit_confounds(data / "sub-01", [](const std::string&) { return false; },
                 {{"non_steady_state_outlier_00", {0}}, {"non_steady_state_outlier_01", {1}}});
  // Plus a sphere at the occipital edge with 7 of its 19 voxels in the brain mask: coverage 0.368
  // < 0.5, so its rows are NaN with the coverage reason (and so are its FC pairs).
  const std::string edge_region =
      "    - name: edge\n      sphere: {center_mm: [2, -102, 8], radius_mm: 12}\n";
  const auto config =
      write_config("tworuns", data, "rest", kRest6P, kAllRestMeasures, kPointRegion + edge_region);
  const auto r = run(kAcuroi + " participant " + config.string() + " --participant-label 01");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("edge: coverage 0.368 < min_coverage 0.5"), std::string::npos)
      << r.output;
  const auto c =
      check(data, "tworuns", {"01"},
            kPointRoi + " --roi edge=sphere:2,-102,8,12 " + kRest6PChecker + " " + kAllRestChecker);
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("ok 1 file(s), 4 runs (0 excluded)"), std::string::npos) << c.output;
  EXPECT_NE(c.output.find("censored volumes: 8 dummy"), std::string::npos) << c.output;
}

const std::string kTaskDenoise = "  strategy: 6P\n  min_time_seconds: 100\n";
const std::string kTaskChecker =
    "--strategy 6P --min-time 100 --measures mean,task_glm --contrast 'pain - touch' --expect-task";

std::string task_measures(const std::string& noise_model) {
  return "  compute: [mean, task_glm]\n  task_contrasts: [\"pain - touch\"]\n  task_noise_model: " +
         noise_model + "\n";
}

TEST_F(MeasuresPipeline, TaskGlmOlsAndAr1MatchAnIndependentFit) {
  const auto data = dataset("task");
  for (const std::string model : {"ols", "ar1"}) {
    // OLS without censoring (the plain spectrum of the band-passed series is checked too), AR(1)
    // with the default scrubbing (prewhitening over the kept volumes).
    const bool uncensored = model == "ols";
    const std::string name = "task-" + model;
    const auto config = write_config(
        name, data, "pain",
        kTaskDenoise + (uncensored ? "  fd_threshold_mm: 100\n  std_dvars_threshold: 0\n" : ""),
        task_measures(model));
    const auto r = run(kAcuroi + " participant " + config.string() + " --participant-label 01");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    // OLS through statsmodels when it is installed, AR(1) through numpy: both references used.
    const auto c =
        check(data, name, {"01"},
              kTaskChecker + " --task-noise-model " + model +
                  (uncensored ? " --fd-threshold 100 --dvars-threshold 0" : " --numpy-glm"));
    EXPECT_EQ(c.exit_code, 0) << model << "\n" << c.output;
    EXPECT_NE(c.output.find("ok 1 file(s), 4 runs (0 excluded), task GLM by"), std::string::npos)
        << c.output;
    if (uncensored)
      EXPECT_NE(c.output.find("uncensored runs with a plain-spectrum check: 4"), std::string::npos)
          << c.output;
    else
      EXPECT_EQ(c.output.find(" 0 motion outliers"), std::string::npos) << "no censoring\n"
                                                                        << c.output;
  }
}

TEST_F(MeasuresPipeline, ConfoundsWithTheWrongRowCountFailThatParticipantAlone) {
  const auto data = copy_of("rest", "rest-short-confounds");
  const fs::path confounds =
      find_file(data / "sub-02" / "ses-pre", "desc-confounds_timeseries.tsv");
  ASSERT_FALSE(confounds.empty());
  {  // drop the last row: 149 rows for 150 volumes
    std::ifstream in(confounds);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    lines.pop_back();
    std::ofstream out(confounds);
    for (const auto& line : lines) out << line << '\n';
  }
  const auto config = write_config("shortconf", data, "rest", kRest6P, kAllRestMeasures);
  const auto r = run(kAcuroi + " participant " + config.string());
  EXPECT_EQ(r.exit_code, 4) << r.output;
  std::string sub02;
  for (std::stringstream lines(r.output); std::getline(lines, sub02);)
    if (sub02.rfind("sub-02 ", 0) == 0) break;
  EXPECT_NE(sub02.find("FAILED"), std::string::npos) << r.output;
  EXPECT_NE(sub02.find(confounds.filename().string()), std::string::npos) << r.output;
  EXPECT_NE(sub02.find("rows"), std::string::npos) << r.output;
  EXPECT_NE(sub02.find("149"), std::string::npos) << r.output;
  EXPECT_NE(sub02.find("150 volumes"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(output("shortconf", "02")));
  ASSERT_TRUE(fs::exists(output("shortconf", "01")));
  const auto c = check(data, "shortconf", {"01"}, kRest6PChecker + " " + kAllRestChecker);
  EXPECT_EQ(c.exit_code, 0) << c.output;
}

TEST_F(MeasuresPipeline, EventsAfterTheRunEndAreDroppedWithAWarning) {
  const auto data = copy_of("task", "task-late-event");
  const fs::path events = find_file(data / "sub-01" / "ses-pre", "run-1_events.tsv");
  ASSERT_FALSE(events.empty());
  std::ofstream(events, std::ios::app) << "300\t12\tpain\n";  // the run ends at 120 x 2 s = 240 s
  const auto config = write_config("lateevent", data, "pain", kTaskDenoise, task_measures("ols"));
  const auto r = run(kAcuroi + " participant " + config.string() + " --participant-label 01");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("sub-01        ok"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(events.filename().string()), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("after the run ends"), std::string::npos) << r.output;
  // The GLM still matches a reference that drops the event (and the run records the warning).
  const auto c = check(data, "lateevent", {"01"}, kTaskChecker + " --task-noise-model ols");
  EXPECT_EQ(c.exit_code, 0) << c.output;
}

TEST_F(MeasuresPipeline, AFullyScrubbedRunIsExcludedWithItsReason) {
  const auto data = dataset("rest");
  const auto config =
      write_config("scrubbed", data, "rest", kRest6P + "  fd_threshold_mm: 0.0001\n",
                   kAllRestMeasures, kPointRegion);
  const auto r = run(kAcuroi + " participant " + config.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("FAILED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("excluded: all 150 volumes censored"), std::string::npos) << r.output;
  // Attributes excluded = 1 and exclusion_reason, NaN rows with the reason: checked per run.
  const auto c = check(data, "scrubbed", {"01", "02"},
                       kPointRoi + " " + kRest6PChecker + " " + kAllRestChecker +
                           " --fd-threshold 0.0001 --expect-excluded 4");
  EXPECT_EQ(c.exit_code, 0) << c.output;
  const auto rows =
      read_measures_tsv(find_file(root / "out-scrubbed" / "sub-01" / "ses-post", "_measures.tsv"));
  std::set<std::string> measures_seen;
  for (const auto& [key, row] : rows) {
    const std::string measure = key.substr(0, key.find(' '));
    measures_seen.insert(measure);
    if (measure.rfind("gm_", 0) == 0 || measure == "total_gm_ml") {
      EXPECT_NE(row.value, "n/a") << key;  // structural rows do not depend on the run
      continue;
    }
    EXPECT_EQ(row.value, "n/a") << key;
    EXPECT_EQ(row.volumes_kept, 0) << key;
    EXPECT_EQ(row.status.rfind("run excluded: all 150 volumes censored", 0), 0u)
        << key << ": " << row.status;
  }
  for (const char* m :
       {"mean", "sd", "tsnr", "alff", "falff", "malff", "reho", "fc_z", "fc_partial_z"})
    EXPECT_TRUE(measures_seen.count(m)) << m;
}

}  // namespace
