// Strategy names and the reductions on small hand-checked sets (numpy's definitions: median
// averages the two middle values; std/var use ddof = 0; empty -> NaN).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "acuroi/core/error.hpp"
#include "acuroi/extract/strategy.hpp"

namespace acuroi::extract {
namespace {

TEST(Strategy, NamesRoundTripAndUnknownNameIsAConfigErrorListingTheChoices) {
  for (const std::string name : {"mean", "median", "std", "var", "sum", "min", "max"}) {
    EXPECT_EQ(strategy_name(parse_reduction_strategy(name)), name);
  }
  try {
    parse_reduction_strategy("avg");
    FAIL() << "expected core::ConfigError";
  } catch (const core::ConfigError& e) {
    EXPECT_STREQ(
        e.what(),
        "strategy = 'avg': 'strategy' must be one of {mean, median, std, var, sum, min, max}");
  }
}

TEST(Strategy, ReductionsFollowNumpy) {
  const auto reduce = [](ReductionStrategy s, std::vector<float> v) { return reduce_values(s, v); };
  using S = ReductionStrategy;
  EXPECT_DOUBLE_EQ(reduce(S::median, {3, 1, 2, 4}), 2.5);  // np.median([3,1,2,4])
  EXPECT_DOUBLE_EQ(reduce(S::median, {5, 1, 9}), 5.0);
  EXPECT_DOUBLE_EQ(reduce(S::mean, {1, 2, 3, 4}), 2.5);
  EXPECT_DOUBLE_EQ(reduce(S::variance, {1, 2, 3, 4}), 1.25);  // np.var, ddof=0
  EXPECT_DOUBLE_EQ(reduce(S::standard_deviation, {1, 2, 3, 4}), std::sqrt(1.25));
  EXPECT_DOUBLE_EQ(reduce(S::sum, {1, 2, 3, 4.5}), 10.5);
  EXPECT_DOUBLE_EQ(reduce(S::minimum, {3, -1, 2}), -1.0);
  EXPECT_DOUBLE_EQ(reduce(S::maximum, {3, -1, 2}), 3.0);
  for (S s :
       {S::mean, S::median, S::standard_deviation, S::variance, S::sum, S::minimum, S::maximum}) {
    EXPECT_TRUE(std::isnan(reduce(s, {}))) << strategy_name(s);
  }
}

}  // namespace
}  // namespace acuroi::extract
