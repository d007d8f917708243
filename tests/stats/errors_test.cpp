// Bad input gives a StatsError (a core::InputError) whose message names the data, the column and
// the value — never a silent NaN.
#include "acuroi/stats/error.hpp"
#include "acuroi/stats/ols.hpp"
#include "acuroi/stats/permutation.hpp"
#include "acuroi/stats/prepost.hpp"
#include "reference_data.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace acuroi::stats;

namespace {

template <class Body>
std::string error_of(Body&& body) {
  try {
    body();
  } catch (const acuroi::core::InputError& e) {  // StatsError is an InputError
    EXPECT_NE(dynamic_cast<const StatsError*>(&e), nullptr);
    return e.what();
  }
  ADD_FAILURE() << "no error thrown";
  return {};
}

void expect_contains(const std::string& message, const std::vector<std::string>& parts) {
  for (const std::string& part : parts)
    EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
}

PrePostData reference_acc() { return stats_test::prepost_for(stats_test::load_subjects(), "ACC"); }

}  // namespace

TEST(Errors, ArmWithFewerThanTwoParticipants) {
  PrePostData d = reference_acc();
  d.control.participant_ids.resize(1);
  d.control.pre.resize(1);
  d.control.post.resize(1);
  expect_contains(error_of([&] { analyse_prepost(d); }),
                  {"ROI ACC, measure value, arm 'sham'", "participants = 1", "at least 2"});
}

TEST(Errors, ConstantChangeHasZeroVariance) {
  PrePostData d = reference_acc();
  for (std::size_t i = 0; i < d.active.pre.size(); ++i) d.active.post[i] = d.active.pre[i] + 0.25;
  expect_contains(error_of([&] { analyse_prepost(d); }),
                  {"arm 'acupuncture'", "change = 0.25 for every participant", "zero variance"});
  expect_contains(error_of([&] {
                    one_sample_t(std::vector<double>{2, 2, 2});
                  }),
                  {"values = 2 for every participant", "t statistic is undefined"});
}

TEST(Errors, MissingValueNamesTheParticipants) {
  PrePostData d = reference_acc();
  d.active.post[2] = NAN;
  d.active.post[5] = NAN;
  expect_contains(error_of([&] { make_study_record(d); }),
                  {"arm 'acupuncture'", "post = NaN", "sub-03, sub-06"});
}

TEST(Errors, MissingCovariateNamesTheParticipants) {
  ParticipantTable t = stats_test::table_for(stats_test::load_subjects(), "S1");
  t.numeric["age"][0] = NAN;
  t.numeric["age"][13] = NAN;
  expect_contains(error_of([&] {
                    build_design(
                        t, change_spec("change", "arm", "sham", {Term::numeric("age", true)}));
                  }),
                  {"covariate 'age' = NaN", "missing for participants sub-01, sub-14"});
  t = stats_test::table_for(stats_test::load_subjects(), "S1");
  t.categorical["sex_level"][4] = "";
  expect_contains(error_of([&] {
                    build_design(
                        t, change_spec("change", "arm", "sham", {Term::categorical("sex_level")}));
                  }),
                  {"'sex_level'", "sub-05"});
}

TEST(Errors, SingularDesigns) {
  ParticipantTable t = stats_test::table_for(stats_test::load_subjects(), "S1");
  t.numeric["site_const"] = std::vector<double>(t.participant_ids.size(), 3.0);
  expect_contains(error_of([&] {
                    build_design(
                        t, change_spec("change", "arm", "sham", {Term::numeric("site_const")}));
                  }),
                  {"column 'site_const' = 3 for every participant", "collinear with the intercept",
                   "singular"});
  std::vector<double> age_months;
  for (double a : t.numeric["age"]) age_months.push_back(12.0 * a + 6.0);
  t.numeric["age_months"] = age_months;
  expect_contains(error_of([&] {
                    build_design(t,
                                 change_spec("change", "arm", "sham",
                                             {Term::numeric("age"), Term::numeric("age_months")}));
                  }),
                  {"column 'age_months'", "linear combination of the columns before it",
                   "const, arm[T.acupuncture], age"});
  // A categorical coding that duplicates another column.
  t.categorical["group_copy"] = t.categorical["arm"];
  expect_contains(error_of([&] {
                    build_design(t, change_spec("change", "arm", "sham",
                                                {Term::categorical("group_copy", "sham")}));
                  }),
                  {"column 'group_copy[T.acupuncture]'", "linear combination"});
}

TEST(Errors, DesignSpecificationMistakes) {
  ParticipantTable t = stats_test::table_for(stats_test::load_subjects(), "S1");
  expect_contains(error_of([&] { build_design(t, change_spec("change", "arm", "placebo", {})); }),
                  {"reference level of 'arm' = placebo", "does not occur", "acupuncture, sham"});
  expect_contains(error_of([&] {
                    build_design(t,
                                 change_spec("change", "arm", "sham", {Term::numeric("weight")}));
                  }),
                  {"covariate = weight", "no such numeric column"});
  t.numeric["flat"] = std::vector<double>(t.participant_ids.size(), 0.5);
  expect_contains(error_of([&] { build_design(t, change_spec("flat", "arm", "sham", {})); }),
                  {"outcome 'flat' = 0.5 for every participant", "zero variance"});
  const OlsFit fit = fit_ols(build_design(t, change_spec("change", "arm", "sham", {})));
  expect_contains(error_of([&] { fit.coefficient("arm"); }),
                  {"coefficient = arm", "const, arm[T.acupuncture]"});
}

TEST(Errors, PermutationInputs) {
  BetweenArmPermutationInput in;
  in.participant_ids = {"a", "b", "c", "d", "e"};
  in.active = {true, true, false, false, false};
  in.test_names = {"ACC/alff", "S1/alff"};
  in.values.resize(5, 2);
  in.values << 1, 2, 2, 3, 3, 1, 4, NAN, 5, 2;
  expect_contains(error_of([&] { permute_between_arms(in); }),
                  {"test 'S1/alff' = NaN", "missing for participants d"});
  in.active = {true, false, false, false, false};
  in.values(3, 1) = 1.0;
  expect_contains(error_of([&] { permute_between_arms(in); }),
                  {"1 active, 4 control", "at least 2"});

  ParticipantTable t = stats_test::table_for(stats_test::load_subjects(), "S1");
  const Design d1 = build_design(t, change_spec("change", "arm", "sham", {}));
  Design d2 = d1;
  std::swap(d2.participant_ids[0], d2.participant_ids[1]);
  expect_contains(error_of([&] {
                    permute_glm({{"ACC/alff", d1, "arm[T.acupuncture]"},
                                 {"S1/alff", d2, "arm[T.acupuncture]"}});
                  }),
                  {"test 'S1/alff'", "same participants in the same order"});
  expect_contains(error_of([&] {
                    permute_glm({{"ACC/alff", d1, "age"}});
                  }),
                  {"test 'ACC/alff'", "tested coefficient = age", "not a column"});
}
