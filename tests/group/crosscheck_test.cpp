// `acuroi group CONFIG` end to end on participant files written as `acuroi participant` writes
// them: exclusions (missing session, QC-excluded session, a missing value, a missing row, an arm
// that is not a study arm, participants.exclude, the measure filter), then every number of the
// group HDF5 file recomputed by crosscheck_group.py (numpy/scipy/h5py, reading the same
// participant files) at 1e-8 relative, the TSVs equal to the HDF5 tables, and the provenance
// (participant file SHA-256, config hash).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>

#include "acuroi/store/participant_file.hpp"
#include "study_fixture.hpp"

using namespace acuroi::group;
using group_test::MeasureRow;
using ::testing::HasSubstr;

namespace {

const char* const kGroupYaml =
    "  covariates: [age, sex, site]\n"
    "  categorical: [sex, site]\n"
    "  rank_tests: true\n"
    "  permutations: 499\n"
    "  permutation_seed: 3\n"
    "  measures: [alff, falff, 'fc_*']\n";

using Sessions = std::map<std::string, std::vector<MeasureRow>>;

Sessions sessions_of(const StudyValues& v, std::size_t i) {
  Sessions sessions;
  for (std::size_t j = 0; j < v.columns.size(); ++j) {
    const auto r = static_cast<Eigen::Index>(i), c = static_cast<Eigen::Index>(j);
    sessions["pre"].push_back({v.columns[j].roi, v.columns[j].measure, v.pre(r, c), ""});
    sessions["post"].push_back({v.columns[j].roi, v.columns[j].measure, v.post(r, c), ""});
  }
  // A measure the config's filter leaves out.
  sessions["pre"].push_back({"ACC", "tsnr", 50.0 + static_cast<double>(i), ""});
  sessions["post"].push_back({"ACC", "tsnr", 52.0 - static_cast<double>(i), ""});
  return sessions;
}

// The study: 13 acupuncture and 13 sham participants with planted effects, a few of them damaged
// the way real data are, and two who do not belong.
void write_study(const std::filesystem::path& dir) {
  group_test::SimulationSpec spec;
  spec.n_active = 13;
  spec.n_control = 13;
  spec.columns = {{"ACC", "alff", -0.3, 0.0, 0.3, 0.25, 0.005},
                  {"insula", "alff", 0.0},
                  {"S1", "alff", 0.25, 0.05},
                  {"thalamus", "falff", 0.0, 0.1, 0.2, 0.35},
                  {"ACC~insula", "fc_z", 0.2},
                  {"DMN", "fc_within_z", 0.0}};
  const StudyValues v = group_test::simulate_values(spec, 2024);
  for (std::size_t i = 0; i < v.participants.size(); ++i) {
    Sessions s = sessions_of(v, i);
    const std::string& p = v.participants[i];
    if (p == "a03") s.erase("post");  // lacks a session
    if (p == "c04")                   // QC: every run of the pre session excluded
      for (MeasureRow& row : s["pre"]) {
        row.value = std::nan("");
        row.status = "all runs excluded: 180 s left < min_time 240 s";
      }
    if (p == "a05") {  // one ROI below min_coverage in post
      s["post"][0].value = std::nan("");
      s["post"][0].status = "coverage 0.31 below min_coverage 0.5";
    }
    if (p == "c06") s["pre"].erase(s["pre"].begin() + 2);  // no S1/alff row in pre
    group_test::write_participant_file(dir, p, v.arms[i], v.covariates[i], s);
  }
  group_test::write_participant_file(dir, "w01", "waitlist", v.covariates[0], sessions_of(v, 0));
  group_test::write_participant_file(dir, "x01", "sham", v.covariates[1], sessions_of(v, 1));
  // A leftover temporary of a killed process is not a participant file.
  std::filesystem::copy_file(acuroi::store::participant_file_path(dir, "a01"),
                             dir / "sub-a01" / "sub-a01_acuroi.h5.tmp-1-0");
}

}  // namespace

TEST(GroupCrossCheck, CommandOutputsMatchNumpyScipyRecomputation) {
  group_test::ScratchDir dir;
  const auto out = dir.path() / "out";
  write_study(out);
  const auto config = dir.write(
      "study.yaml", group_test::study_config(out, kGroupYaml, "participants:\n  exclude: [x01]\n"));
  const auto run = group_test::run_program(std::string(ACUROI_BINARY) + " group " +
                                           config.string() + " --threads 2");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("28 participant files, 24 participants included, 4 left out"));
  EXPECT_THAT(run.out, HasSubstr("6 ROI x measure"));
  EXPECT_THAT(run.out, HasSubstr("group_tests.tsv"));

  // Exclusions, as listed in group_exclusions.tsv.
  const std::string exclusions = group_test::read_text(out / "group" / "group_exclusions.tsv");
  EXPECT_THAT(exclusions, HasSubstr("participant\tarm\tsession\troi\tmeasure\treason\n"));
  EXPECT_THAT(exclusions,
              HasSubstr("a03\tacupuncture\tn/a\tn/a\tn/a\tno 'post' session in the participant "
                        "file\n"));
  EXPECT_THAT(exclusions,
              HasSubstr("c04\tsham\tn/a\tn/a\tn/a\tsession 'pre' excluded by QC: all runs "
                        "excluded: 180 s left < min_time 240 s\n"));
  EXPECT_THAT(exclusions, HasSubstr("w01\twaitlist\tn/a\tn/a\tn/a\tarm 'waitlist' is not a study "
                                    "arm (acupuncture, sham)\n"));
  EXPECT_THAT(exclusions,
              HasSubstr("x01\tsham\tn/a\tn/a\tn/a\texcluded by participants.exclude\n"));
  EXPECT_THAT(exclusions, HasSubstr("a05\tacupuncture\tpost\tACC\talff\tcoverage 0.31 below "
                                    "min_coverage 0.5\n"));
  EXPECT_THAT(exclusions, HasSubstr("c06\tsham\tpre\tS1\talff\tno row for this ROI × measure\n"));

  // Every number recomputed independently from the same participant files.
  nlohmann::json spec = {{"output_dir", out.string()},
                         {"config", config.string()},
                         {"arms", {"acupuncture", "sham"}},
                         {"sessions", {"pre", "post"}},
                         {"exclude", {"x01"}},
                         {"measures", {"alff", "falff", "fc_*"}},
                         {"covariates", {"age", "sex", "site"}},
                         {"categorical", {"sex", "site"}},
                         {"centre_covariates", true},
                         {"confidence", 0.95},
                         {"permutations", 499},
                         {"tolerance", 1e-8}};
  const auto spec_file = dir.write("spec.json", spec.dump());
  const auto check =
      group_test::run_program(std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                              "/tests/group/crosscheck_group.py " + spec_file.string());
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  const nlohmann::json result = nlohmann::json::parse(check.out);
  std::cout << "cross-check: " << result.dump() << "\n";
  EXPECT_TRUE(result.at("failures").empty()) << result.at("failures").dump(1);
  EXPECT_GE(result.at("compared").get<int>(), 1400);
  EXPECT_LE(result.at("max_relative").get<double>(), 1e-8);
  EXPECT_EQ(result.at("tsv_cells").get<int>(), result.at("tsv_cells_equal").get<int>());
}
