// End-to-end: `acuroi simulate` writes a small dataset, `acuroi validate` plans it, and
// `acuroi participant` writes one HDF5 file per participant whose ROI means an independent
// nibabel/numpy computation in world space reproduces. Also: a corrupt participant fails alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

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
const std::string kAal = "/usr/share/mricron/templates/aal.nii.gz";
const std::string kAalTable = "/usr/share/mricron/templates/aal.nii.txt";

class ParticipantPipeline : public ::testing::Test {
 protected:
  static fs::path root;

  static void SetUpTestSuite() {
    // ctest runs each test in its own process, possibly in parallel: one folder per process.
    root = fs::temp_directory_path() / ("acuroi_participant_e2e_" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    const auto sim = run(kAcuroi + " simulate --out " + (root / "ds").string() +
                         " --seed 11 --participants 2 --resolution 4 --volumes 40");
    ASSERT_EQ(sim.exit_code, 0) << sim.output;
  }
  static void TearDownTestSuite() { fs::remove_all(root); }

  static fs::path write_config(const std::string& name, const fs::path& dataset, const fs::path& out) {
    const fs::path path = root / (name + ".yaml");
    std::ofstream(path) << "study:\n  name: " << name << "\n  dataset: " << dataset.string()
                        << "\n  arm_column: arm\n  arms: [acupuncture, sham]\n  task: rest\n"
                        << "  space: MNI152NLin6Asym\nrois:\n  preset: " << kSource
                        << "/configs/pain-network.yaml\noutput:\n  dir: " << out.string()
                        << "\n  write_tsv: true\n";
    return path;
  }
};
fs::path ParticipantPipeline::root;

TEST_F(ParticipantPipeline, ValidatePrintsThePlan) {
  const auto config = write_config("plan", root / "ds", root / "out-plan");
  const auto r = run(kAcuroi + " validate " + config.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("participants (4)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("sub-01"), std::string::npos);
  EXPECT_NE(r.output.find("ACC"), std::string::npos);
  EXPECT_NE(r.output.find("estimate:"), std::string::npos);
  EXPECT_NE(r.output.find("problems (0)"), std::string::npos) << r.output;
}

TEST_F(ParticipantPipeline, RecordsMatchNibabelInWorldSpace) {
  const auto out = root / "out";
  const auto config = write_config("e2e", root / "ds", out);
  const auto r = run(kAcuroi + " participant " + config.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const std::string label : {"01", "02", "03", "04"}) {
    const fs::path h5 = out / ("sub-" + label) / ("sub-" + label + "_acuroi.h5");
    ASSERT_TRUE(fs::exists(h5)) << h5;
    const auto check = run(kPython + " " + kSource + "/tests/participant/check_participant_h5.py " +
                           h5.string() + " " + kAal + " " + kAalTable +
                           " ACC=Cingulum_Ant_L,Cingulum_Ant_R insula=Insula_L,Insula_R"
                           " thalamus=Thalamus_L,Thalamus_R"
                           " DMN=Frontal_Sup_Medial_L,Frontal_Sup_Medial_R,Frontal_Med_Orb_L,"
                           "Frontal_Med_Orb_R,Cingulum_Post_L,Cingulum_Post_R,Precuneus_L,Precuneus_R,"
                           "Angular_L,Angular_R");
    EXPECT_EQ(check.exit_code, 0) << check.output;
  }
  EXPECT_TRUE(fs::exists(out / "sub-01" / "ses-pre" / "func"));
}

TEST_F(ParticipantPipeline, ACorruptParticipantFailsAloneWithItsReason) {
  // A copy of the dataset in which sub-02's pre BOLD is cut in the middle of its gzip stream.
  const fs::path ds = root / "ds-corrupt";
  fs::remove_all(ds);
  fs::copy(root / "ds", ds, fs::copy_options::recursive);
  fs::path victim;
  for (const auto& e : fs::recursive_directory_iterator(ds / "sub-02" / "ses-pre"))
    if (e.path().string().find("desc-preproc_bold.nii.gz") != std::string::npos) victim = e.path();
  ASSERT_FALSE(victim.empty());
  fs::resize_file(victim, fs::file_size(victim) / 2);
  const auto out = root / "out-corrupt";
  const auto r = run(kAcuroi + " participant " + write_config("corrupt", ds, out).string());
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("FAILED"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(victim.filename().string()), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out / "sub-02" / "sub-02_acuroi.h5"));
  for (const std::string label : {"01", "03", "04"})
    EXPECT_TRUE(fs::exists(out / ("sub-" + label) / ("sub-" + label + "_acuroi.h5"))) << label;
  for (const auto& e : fs::recursive_directory_iterator(out))
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << "stray temporary " << e.path();
}

TEST_F(ParticipantPipeline, MissingSessionAndConfoundsAreListedNotGuessed) {
  const fs::path ds = root / "ds-missing";
  fs::remove_all(ds);
  fs::copy(root / "ds", ds, fs::copy_options::recursive);
  fs::remove_all(ds / "sub-03" / "ses-post");
  for (const auto& e : fs::recursive_directory_iterator(ds / "sub-04" / "ses-pre"))
    if (e.path().string().find("confounds_timeseries.tsv") != std::string::npos) fs::remove(e.path());
  const auto r = run(kAcuroi + " validate " + write_config("missing", ds, root / "out-missing").string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("sub-03 ses-post"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("sub-04 ses-pre"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("confounds"), std::string::npos) << r.output;
  const auto strict = run(kAcuroi + " validate --strict " + (root / "missing.yaml").string());
  EXPECT_EQ(strict.exit_code, 3) << strict.output;
}

TEST_F(ParticipantPipeline, BadConfigIsAUsageErrorNamingTheKey) {
  const fs::path path = root / "bad.yaml";
  std::ofstream(path) << "study:\n  dataset: " << (root / "ds").string() << "\nrois:\n  min_coverag: 0.4\n";
  const auto r = run(kAcuroi + " validate " + path.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("min_coverag"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("min_coverage"), std::string::npos) << r.output;  // the suggestion
  EXPECT_NE(r.output.find(":4:"), std::string::npos) << r.output;           // line 4
}

}  // namespace
