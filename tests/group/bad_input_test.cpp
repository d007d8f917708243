// Bad input gives a clear message naming the ROI/measure/arm/column/participants, never a silent
// NaN: study-level problems are errors (stats::StatsError, exit code 3 from the command); a
// problem of one ROI × measure is the status of its rows (numbers NaN) and a warning.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "acuroi/group/analysis.hpp"
#include "acuroi/stats/error.hpp"
#include "study_fixture.hpp"

using namespace acuroi::group;
using ::testing::HasSubstr;

namespace {

StudyValues small_study(std::size_t n_control = 8) {
  group_test::SimulationSpec spec;
  spec.n_active = 8;
  spec.n_control = n_control;
  spec.columns = {{"ACC", "alff", 0.2}, {"insula", "alff", 0.0}};
  return group_test::simulate_values(spec, 3);
}

GroupOptions with_covariates(std::vector<std::string> covariates,
                             std::vector<std::string> categorical = {}) {
  GroupOptions o;
  o.permutations = 0;
  o.covariates = std::move(covariates);
  o.categorical = std::move(categorical);
  return o;
}

std::string error_of(const StudyValues& values, const GroupOptions& options) {
  try {
    analyse_group(values, options);
  } catch (const acuroi::stats::StatsError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

}  // namespace

TEST(GroupBadInput, ArmWithFewerThanTwoParticipants) {
  StudyValues v = small_study(1);
  v.exclusions.push_back({"c02", "sham", "", "", "", "no 'post' session in the participant file"});
  const std::string message = error_of(v, with_covariates({}));
  EXPECT_THAT(message, HasSubstr("arm 'sham'"));
  EXPECT_THAT(message, HasSubstr("1 participant(s) (c01)"));
  EXPECT_THAT(message, HasSubstr("an arm needs at least 2 participants"));
  EXPECT_THAT(message, HasSubstr("c02 (no 'post' session in the participant file)"));
}

TEST(GroupBadInput, CovariateMissingForSomeParticipants) {
  StudyValues v = small_study();
  v.covariates[2].erase("age");
  v.covariates[9]["age"] = "n/a";
  const std::string message = error_of(v, with_covariates({"age"}));
  EXPECT_THAT(message, HasSubstr("covariate 'age'"));
  EXPECT_THAT(message, HasSubstr("no value for participant(s) a03, c02"));
}

TEST(GroupBadInput, CovariateThatIsNotANumber) {
  StudyValues v = small_study();
  const std::string message = error_of(v, with_covariates({"age", "sex"}));
  EXPECT_THAT(message, HasSubstr("covariate 'sex'"));
  EXPECT_THAT(message, HasSubstr("a01 ('"));
  EXPECT_THAT(message, HasSubstr("list the column in group.categorical"));
}

TEST(GroupBadInput, ConstantCovariateColumn) {
  StudyValues v = small_study();
  for (auto& c : v.covariates) c["dose"] = "3";
  EXPECT_THAT(error_of(v, with_covariates({"dose"})),
              HasSubstr("column 'dose' = 0 for every participant: is constant"));
  for (auto& c : v.covariates) c["scanner"] = "prisma";
  EXPECT_THAT(error_of(v, with_covariates({"scanner"}, {"scanner"})),
              HasSubstr("categorical covariate 'scanner' = prisma: has a single level"));
}

TEST(GroupBadInput, SingularDesign) {
  StudyValues v = small_study();
  for (auto& c : v.covariates) c["age_months"] = std::to_string(12.0 * std::stod(c["age"]));
  const std::string message = error_of(v, with_covariates({"age", "age_months"}));
  EXPECT_THAT(message, HasSubstr("participants.tsv covariates"));
  EXPECT_THAT(message, HasSubstr("column 'age_months'"));
  EXPECT_THAT(message, HasSubstr("is a linear combination of the columns before it"));
  EXPECT_THAT(message, HasSubstr("the design is singular"));
  // A covariate that is the arm in disguise.
  for (std::size_t i = 0; i < v.participants.size(); ++i)
    v.covariates[i]["group_code"] = v.arms[i] == "sham" ? "0" : "1";
  EXPECT_THAT(error_of(v, with_covariates({"group_code"})), HasSubstr("column 'group_code'"));
}

TEST(GroupBadInput, ReservedCovariateName) {
  StudyValues v = small_study();
  for (auto& c : v.covariates) c["pre"] = "1";
  EXPECT_THAT(error_of(v, with_covariates({"pre"})), HasSubstr("covariate = pre: is a name"));
}

TEST(GroupBadInput, ConstantMeasureColumnIsAStatusNotASilentNaN) {
  StudyValues v = small_study();
  v.pre.col(1).setConstant(2.0);
  v.post.col(1).setConstant(2.0);  // insula/alff: the same value everywhere, change 0
  GroupOptions o = with_covariates({});
  o.permutations = 100;
  const GroupResults r = analyse_group(v, o);
  std::size_t failed = 0;
  for (const TestRow& t : r.tests) {
    if (t.roi != "insula") {
      EXPECT_TRUE(t.status.empty()) << t.status;
      EXPECT_TRUE(std::isfinite(t.p));
      continue;
    }
    ++failed;
    EXPECT_THAT(t.status, HasSubstr("ROI insula, measure alff"));
    EXPECT_THAT(t.status, HasSubstr("zero variance"));
    EXPECT_TRUE(std::isnan(t.p) && std::isnan(t.estimate) && std::isnan(t.p_adjusted));
  }
  EXPECT_EQ(failed, 4u);  // paired t in both arms, Welch, Student
  for (const GlmRow& g : r.glm)
    if (g.roi == "insula") {
      EXPECT_THAT(g.status, HasSubstr(g.model == "ancova"
                                          ? "ROI insula, measure alff, ANCOVA post ~ arm + pre: "
                                            "design: outcome 'post' = 2 for every participant"
                                          : "outcome 'change' = 0 for every participant"));
      EXPECT_TRUE(std::isnan(g.estimate));
    }
  for (const RecordRow& rec : r.records)
    if (rec.record.roi == "insula") {
      EXPECT_THAT(rec.status, HasSubstr("arm 'acupuncture'"));
      EXPECT_TRUE(std::isnan(rec.record.hedges_g) && std::isnan(rec.record.active.sd_pre));
      EXPECT_EQ(rec.record.active.n, 8u);
    }
  // Every failure is also a warning; the permutation family runs on the other column.
  EXPECT_EQ(r.warnings.size(), 4u + 2u + 1u);
  ASSERT_FALSE(r.permutations.empty());
  EXPECT_EQ(r.permutations[0].tests, std::vector<std::string>{"ACC/alff"});
  EXPECT_TRUE(r.permutations[0].status.empty());
}

TEST(GroupBadInput, TooFewValuesInOneRoiMeasure) {
  StudyValues v = small_study();
  for (Eigen::Index i = 0; i < 7; ++i) v.post(i, 0) = std::nan("");  // ACC: 1 active value left
  const GroupResults r = analyse_group(v, with_covariates({}));
  for (const TestRow& t : r.tests)
    if (t.roi == "ACC" && t.group == "acupuncture") {
      EXPECT_THAT(t.status, HasSubstr("ROI ACC, measure alff, arm 'acupuncture'"));
      EXPECT_THAT(t.status, HasSubstr("n = 1"));
      EXPECT_EQ(t.n1, 1u);
    }
}
