// Text contrasts (nilearn style) and fixed-effects combination of run estimates.
#include "acuroi/core/error.hpp"
#include "acuroi/measures/fixed_effects.hpp"
#include "acuroi/measures/task_contrast.hpp"
#include "measures_test_support.hpp"

namespace acuroi::measures::test {

TEST(MeasuresTaskContrast, ParsesSignsFactorsAndRepeatedNames) {
  const std::vector<std::string> c = {"pain", "touch", "rest-cue"};
  EXPECT_EQ(contrast_weights("pain - touch", c), (std::vector<double>{1, -1, 0}));
  EXPECT_EQ(contrast_weights("pain", c), (std::vector<double>{1, 0, 0}));
  EXPECT_EQ(contrast_weights("-touch", c), (std::vector<double>{0, -1, 0}));
  EXPECT_EQ(contrast_weights("0.5*pain + 0.5 * touch", c), (std::vector<double>{0.5, 0.5, 0}));
  EXPECT_EQ(contrast_weights("2 pain - touch - touch", c), (std::vector<double>{2, -2, 0}));
  EXPECT_EQ(contrast_weights("rest-cue - pain", c), (std::vector<double>{-1, 0, 1}));
}

TEST(MeasuresTaskContrast, BadContrastsNameTheExpressionAndTheConditions) {
  const std::vector<std::string> c = {"pain", "touch"};
  try {
    contrast_weights("pain - needle", c);
    FAIL() << "no error";
  } catch (const core::InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("pain - needle"), std::string::npos) << what;
    EXPECT_NE(what.find("'needle' is not in the events (conditions: pain, touch)"),
              std::string::npos)
        << what;
  }
  EXPECT_THROW(contrast_weights("pain touch", c), core::InputError);
  EXPECT_THROW(contrast_weights("pain - pain", c), core::InputError);
  EXPECT_THROW(contrast_weights("  ", c), core::InputError);
  EXPECT_THROW(contrast_weights("pain - 2*", c), core::InputError);
}

TEST(MeasuresFixedEffects, InverseVarianceWeights) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const FixedEffect f = combine_fixed_effects({{0.8, 0.2}, {1.1, 0.4}, {nan, 0.1}, {5.0, 0.0}});
  const double w1 = 1 / 0.04, w2 = 1 / 0.16;
  EXPECT_EQ(f.runs_used, 2);
  EXPECT_NEAR(f.estimate, (w1 * 0.8 + w2 * 1.1) / (w1 + w2), 1e-15);
  EXPECT_NEAR(f.standard_error, 1 / std::sqrt(w1 + w2), 1e-15);
  EXPECT_NEAR(f.t, f.estimate / f.standard_error, 1e-12);
  const FixedEffect none = combine_fixed_effects({{nan, 1.0}});
  EXPECT_EQ(none.runs_used, 0);
  EXPECT_TRUE(std::isnan(none.estimate));
}

}  // namespace acuroi::measures::test
