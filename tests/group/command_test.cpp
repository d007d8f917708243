// Exit codes and messages of `acuroi group`: 3 with the folder named when there are no
// participant files, 3 for a study-level problem (an arm with fewer than 2 participants), 2 for a
// config error in the group section; the outputs of a single-arm study.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "study_fixture.hpp"

using ::testing::HasSubstr;

namespace {

group_test::ProgramResult run_group(const std::filesystem::path& config) {
  return group_test::run_program(std::string(ACUROI_BINARY) + " group " + config.string());
}

acuroi::group::StudyValues small_study(std::size_t n_control) {
  group_test::SimulationSpec spec;
  spec.n_active = 4;
  spec.n_control = n_control;
  spec.columns = {{"ACC", "alff", 0.2}, {"S1", "reho", 0.0}};
  return group_test::simulate_values(spec, 8);
}

}  // namespace

TEST(GroupCommand, NoParticipantFilesIsAnInputErrorNamingTheFolder) {
  group_test::ScratchDir dir;
  const auto out = dir.path() / "empty-out";
  const auto config = dir.write("study.yaml", group_test::study_config(out, ""));
  const auto r = run_group(config);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr(out.string() + ": participant files = 0: no sub-*/sub-*_acuroi.h5"));
  EXPECT_FALSE(std::filesystem::exists(out / "group"));
}

TEST(GroupCommand, AnArmWithOneParticipantIsAnInputError) {
  group_test::ScratchDir dir;
  const auto out = dir.path() / "out";
  group_test::write_participant_files(small_study(1), out);
  const auto r = run_group(dir.write("study.yaml", group_test::study_config(out, "")));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("arm 'sham' = 1 participant(s) (c01): an arm needs at least 2"));
  EXPECT_FALSE(std::filesystem::exists(out / "group" / "group_acuroi.h5"));
}

TEST(GroupCommand, ConfigErrorInTheGroupSectionExitsTwo) {
  group_test::ScratchDir dir;
  const auto config =
      dir.write("study.yaml", group_test::study_config(dir.path(), "  p_adjust: fdr\n"));
  const auto r = run_group(config);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("group.p_adjust = 'fdr': not an allowed value"));
}

TEST(GroupCommand, AMeasureFilterThatMatchesNothingIsAnInputError) {
  group_test::ScratchDir dir;
  const auto out = dir.path() / "out";
  group_test::write_participant_files(small_study(4), out);
  const auto r = run_group(
      dir.write("study.yaml", group_test::study_config(out, "  measures: [falff, 'task_*']\n")));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("measures = 0 ROI × measure: no measure of the participant files "
                               "matches group.measures"));
}

TEST(GroupCommand, MissingCovariateIsAnInputErrorNamingColumnAndParticipants) {
  group_test::ScratchDir dir;
  const auto out = dir.path() / "out";
  acuroi::group::StudyValues v = small_study(4);
  v.covariates[1].erase("age");
  group_test::write_participant_files(v, out);
  const auto r = run_group(dir.write(
      "study.yaml", group_test::study_config(out, "  covariates: [age]\n  permutations: 0\n")));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("covariate 'age' = (missing): no value for participant(s) a02"));
}

TEST(GroupCommand, SingleArmStudyHasWithinArmTestsAndRecords) {
  group_test::ScratchDir dir;
  const auto out = dir.path() / "out";
  group_test::write_participant_files(small_study(3), out);
  std::string config = group_test::study_config(out, "");
  const std::string two_arms = "[acupuncture, sham]";
  config.replace(config.find(two_arms), two_arms.size(), "[acupuncture]");
  const auto r = run_group(dir.write("study.yaml", config));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("4 participants included, 3 left out"));
  EXPECT_THAT(r.out, HasSubstr("single-arm study"));
  const std::string tests = group_test::read_text(out / "group" / "group_tests.tsv");
  EXPECT_THAT(tests, HasSubstr("ACC\talff\tpaired_t\tacupuncture\t4\t0\t"));
  EXPECT_THAT(tests, ::testing::Not(HasSubstr("welch_t")));
  const std::string exclusions = group_test::read_text(out / "group" / "group_exclusions.tsv");
  EXPECT_THAT(exclusions, HasSubstr("c01\tsham\tn/a\tn/a\tn/a\tarm 'sham' is not a study arm "
                                    "(acupuncture)\n"));
  const std::string records = group_test::read_text(out / "group" / "group_study_records.tsv");
  EXPECT_THAT(records, HasSubstr("\tacupuncture\t4\t"));
  EXPECT_THAT(records, HasSubstr("\tn/a\t0\tn/a\tn/a\t"));  // no control arm: n/a, not 0
}
