// p.adjust against R 4.2.2 (metafor reference tables/p_adjust.csv: all six methods incl. Hommel)
// at 1e-12 relative, and R's NA / small-n conventions.
#include "acuroi/stats/multiplicity.hpp"
#include "acuroi/stats/error.hpp"
#include "reference_data.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace acuroi::stats;

TEST(Multiplicity, MatchesRPAdjustTable) {
  const auto rows = stats_test::read_csv(stats_test::data_path("p_adjust.csv"));
  const auto& header = rows.at(0);
  ASSERT_EQ(header.size(), 7u);
  std::vector<double> p;
  for (std::size_t r = 1; r < rows.size(); ++r) p.push_back(std::stod(rows[r][0]));
  ASSERT_EQ(p.size(), 16u);
  for (std::size_t c = 1; c < header.size(); ++c) {
    const PAdjustMethod method = parse_p_adjust_method(header[c]);
    EXPECT_EQ(to_string(method), header[c]);
    const std::vector<double> adjusted = p_adjust(p, method);
    for (std::size_t r = 1; r < rows.size(); ++r)
      EXPECT_TRUE(stats_test::close(adjusted[r - 1], std::stod(rows[r][c]), 1e-12))
          << header[c] << " row " << r << ": " << adjusted[r - 1] << " vs R " << rows[r][c];
  }
}

// R drops NA before adjusting (n = non-NA count) and returns NA in place.
TEST(Multiplicity, NaNIsExcludedLikeRsNA) {
  const std::vector<double> p = {0.01, NAN, 0.04, 0.03};
  const std::vector<double> adjusted = p_adjust(p, PAdjustMethod::bonferroni);
  EXPECT_DOUBLE_EQ(adjusted[0], 0.03);
  EXPECT_TRUE(std::isnan(adjusted[1]));
  EXPECT_DOUBLE_EQ(adjusted[2], 0.12);
  EXPECT_DOUBLE_EQ(adjusted[3], 0.09);
  // BH on the three: sorted 0.01, 0.03, 0.04 -> min(3/1·0.01, ...) = 0.03, 0.04·3/2 = 0.045 ...
  // 0.04
  const std::vector<double> bh = p_adjust(p, PAdjustMethod::bh);
  EXPECT_DOUBLE_EQ(bh[0], 0.03);
  EXPECT_DOUBLE_EQ(bh[2], 0.04);
  EXPECT_DOUBLE_EQ(bh[3], 0.04);
}

TEST(Multiplicity, SmallFamiliesFollowR) {
  // One p: returned unchanged; two p: R's hommel is hochberg.
  EXPECT_EQ(p_adjust(std::vector<double>{0.2}, PAdjustMethod::hommel)[0], 0.2);
  const std::vector<double> two = {0.01, 0.04};
  EXPECT_EQ(p_adjust(two, PAdjustMethod::hommel), p_adjust(two, PAdjustMethod::hochberg));
  EXPECT_DOUBLE_EQ(p_adjust(two, PAdjustMethod::hochberg)[0], 0.02);
  EXPECT_DOUBLE_EQ(p_adjust(two, PAdjustMethod::hochberg)[1], 0.04);
}

TEST(Multiplicity, BadInputIsAnError) {
  EXPECT_THROW(p_adjust(std::vector<double>{0.1, 1.5}, PAdjustMethod::bh), StatsError);
  try {
    parse_p_adjust_method("fdrx");
    FAIL();
  } catch (const StatsError& e) {
    EXPECT_NE(std::string(e.what()).find("method = fdrx"), std::string::npos) << e.what();
  }
  EXPECT_EQ(parse_p_adjust_method("fdr"), PAdjustMethod::bh);
}
