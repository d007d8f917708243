// Meta plots (funnel with trim-and-fill, forest by subgroup) checked with python's xml.etree
// (check_meta_svg.py), independently of our SVG writer. Inputs are the BCG log risk ratios with
// metafor 3.8.1's trimfill (FE, L0: k0 = 4, side right) and rma REML subgroups by allocation
// (/work/shared/reference/meta). Each test also shows the checker fails on a wrong expectation.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "acuroi/report/plots.hpp"

namespace {
namespace fs = std::filesystem;
using namespace acuroi::report;

int check(const std::string& args, bool quiet = false) {
  const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                              "/tests/report/check_meta_svg.py " + args + (quiet ? " 2>/dev/null" : "");
  return std::system(command.c_str());
}

fs::path write(const std::string& name, const std::string& svg) {
  const fs::path file = fs::temp_directory_path() / name;
  std::ofstream(file) << svg;
  return file;
}

// dat.bcg, escalc RR (yi = log RR, vi); trimfill(rma(yi, vi, method = "FE")).
const std::vector<double> bcg_yi{-0.88931133392020545, -1.5853886572014306, -1.3480731482996933,
                                 -1.4415511900213054, -0.21754732221129558, -0.78611558581886398,
                                 -1.6208982235983918, 0.011952333523840508, -0.4694176487381494,
                                 -1.3713448034727844, -0.33935882833839059, 0.44591340057137874,
                                 -0.017313948216879815};
const std::vector<double> bcg_vi{0.32558476500396133, 0.19458112139814385, 0.41536796536796539,
                                 0.020010031902247573, 0.051210172169630863, 0.0069056184559087574,
                                 0.22301724757231517, 0.0039615792978177295, 0.056434210463248966,
                                 0.07302479361302891, 0.01241221397155972, 0.53250584520015276,
                                 0.071404659683986293};
const std::vector<double> filled_yi{0.78929281926007766, 0.85949920580859862, 1.0033366729887239,
                                    1.038846239385685};
const std::vector<double> filled_vi{0.07302479361302891, 0.020010031902247573, 0.19458112139814385,
                                    0.22301724757231517};

std::string join(const std::vector<double>& values) {
  std::string out;
  char buffer[40];
  for (double v : values) {
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    out += (out.empty() ? "" : ",") + std::string(buffer);
  }
  return out;
}

std::vector<double> roots(const std::vector<double>& v) {
  std::vector<double> out;
  for (double x : v) out.push_back(std::sqrt(x));
  return out;
}

TEST(ReportMetaPlots, FunnelDrawsFilledStudiesAndTrimFillEstimate) {
  const double pooled_fe = -0.43028516365409092;   // rma(yi, vi, method = "FE") on dat.bcg
  const double adjusted = -0.2910259921063531;     // trimfill(): beta with the 4 filled studies
  FunnelTrimFill fill{filled_yi, roots(filled_vi), adjusted, "right"};
  const auto file = write("acuroi_meta_funnel_test.svg",
                          funnel_plot("BCG · log RR", bcg_yi, roots(bcg_vi), pooled_fe, "log RR", fill));
  const std::string yi = join(filled_yi), sei = join(roots(filled_vi));
  auto args = [&](int k, int k0, double pooled, const std::string& y, const std::string& s, double est) {
    return "funnel " + file.string() + " " + std::to_string(k) + " " + std::to_string(k0) + " " +
           join({pooled}) + " " + y + " " + s + " " + join({est});
  };
  EXPECT_EQ(check(args(13, 4, pooled_fe, yi, sei, adjusted)), 0);
  // Wrong expectations make the checker fail.
  EXPECT_NE(check(args(13, 3, pooled_fe, join({0.789, 0.859, 1.003}), join({0.27, 0.14, 0.44}), adjusted), true), 0);
  EXPECT_NE(check(args(13, 4, pooled_fe, join({0.79, 0.86, 1.0, 1.04}), sei, adjusted), true), 0);
  EXPECT_NE(check(args(13, 4, pooled_fe + 0.05, yi, sei, adjusted), true), 0);
  EXPECT_NE(check(args(13, 4, pooled_fe, yi, sei, adjusted + 0.05), true), 0);
  EXPECT_NE(check(args(12, 4, pooled_fe, yi, sei, adjusted), true), 0);
  fs::remove(file);
}

TEST(ReportMetaPlots, FunnelWithoutTrimFillKeepsTheOldCall) {
  const auto file = write("acuroi_meta_funnel_plain.svg", funnel_plot("x", {0.1, 0.4, 0.3}, {0.1, 0.2, 0.15}, 0.25, "MD"));
  EXPECT_EQ(check("funnel " + file.string() + " 3 0 0.25 - -"), 0);
  EXPECT_NE(check("funnel " + file.string() + " 3 0 0.30 - -", true), 0);
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find("trimfill"), std::string::npos);
  EXPECT_EQ(text.find("filled-study"), std::string::npos);
  fs::remove(file);
}

TEST(ReportMetaPlots, ForestBySubgroupHasOneBlockPerLevel) {
  // rma(yi, vi, subset = alloc == level) per level (REML), metafor 3.8.1; studies in dat.bcg order.
  const std::vector<std::string> alloc{"random", "random", "random", "random", "alternate", "alternate", "random",
                                       "random", "random", "systematic", "systematic", "systematic",
                                       "systematic"};
  std::vector<ForestSubgroup> groups{{"alternate", {}, -0.54079296184934578, -1.0927219815213487,
                                      0.011136057822657142, true},
                                     {"random", {}, -0.97096470426308867, -1.5118287274037439,
                                      -0.43010068112243349, true},
                                     {"systematic", {}, -0.42420739151087189, -1.1292950906897863,
                                      0.28088030766804256, true}};
  for (std::size_t i = 0; i < bcg_yi.size(); ++i) {
    const double se = std::sqrt(bcg_vi[i]);
    ForestRow row{"trial " + std::to_string(i + 1), bcg_yi[i], bcg_yi[i] - 1.96 * se, bcg_yi[i] + 1.96 * se, 7.7};
    for (auto& g : groups)
      if (g.level == alloc[i]) g.rows.push_back(row);
  }
  groups.push_back({"", {{"no allocation given", 0.2, -0.1, 0.5, 3.0}}, NAN, NAN, NAN, false});
  const ForestPooled overall{-0.71453234836510149, -1.066897675740053, -0.36216702099014991, NAN, NAN};
  const auto file = write("acuroi_meta_forest_subgroups.svg",
                          forest_plot_subgroups("BCG by alloc", "alloc", groups, overall, "log RR",
                                                "QM = 1.86 (df = 2), p = 0.394"));
  const std::string a = "2:-0.54079296184934578:-1.0927219815213487:0.011136057822657142";
  const std::string r = "7:-0.97096470426308867:-1.5118287274037439:-0.43010068112243349";
  const std::string s = "4:-0.42420739151087189:-1.1292950906897863:0.28088030766804256";
  const std::string levels = " alternate=" + a + " random=" + r + " systematic=" + s;
  const std::string base = "forest-subgroups " + file.string() + " -0.71453234836510149";
  EXPECT_EQ(check(base + levels + " left-out=1 \"test=QM = 1.86\""), 0);
  // Wrong expectations make the checker fail: a row count, a subgroup estimate, a subgroup CI, the
  // order of the levels, the left-out block, the overall estimate, the test line.
  EXPECT_NE(check(base + " alternate=3" + a.substr(1) + " random=" + r + " systematic=" + s + " left-out=1", true), 0);
  EXPECT_NE(check(base + " alternate=2:-0.60 random=" + r + " systematic=" + s + " left-out=1", true), 0);
  EXPECT_NE(check(base + " alternate=2:-0.54079296184934578:-1.2:0.011136057822657142 random=" + r +
                      " systematic=" + s + " left-out=1", true), 0);
  EXPECT_NE(check(base + " random=" + r + " alternate=" + a + " systematic=" + s + " left-out=1", true), 0);
  EXPECT_NE(check(base + levels, true), 0);
  EXPECT_NE(check("forest-subgroups " + file.string() + " -0.6" + levels + " left-out=1", true), 0);
  EXPECT_NE(check(base + levels + " left-out=1 \"test=QM = 2.5\"", true), 0);
  fs::remove(file);
}

}  // namespace
