// SVG plots checked with python's xml.etree (check_svg.py), independently of our writer.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "acuroi/report/plots.hpp"
#include "acuroi/report/svg.hpp"

namespace {
namespace fs = std::filesystem;
using namespace acuroi::report;

int run_python(const std::string& args) {
  const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                              "/tests/report/check_svg.py " + args;
  return std::system(command.c_str());
}

TEST(ReportSvg, ForestPlotHasOneRowPerStudyAndDiamondAtPooledEstimate) {
  const std::vector<ForestRow> rows{{"Chen 2019", 0.31, 0.05, 0.57, 22.5},
                                    {"Lee & Park 2021", -0.12, -0.50, 0.26, 12.0},
                                    {"demo <own>", 0.45, 0.20, 0.70, 40.1},
                                    {"Wang 2023", 0.80, 0.35, 1.25, 25.4}};
  const ForestPooled pooled{0.3712, 0.12, 0.62, -0.21, 0.95};
  const std::string svg = forest_plot("ACC · alff", rows, pooled, "Hedges' g (SMCC)");
  const fs::path file = fs::temp_directory_path() / "acuroi_report_forest_test.svg";
  std::ofstream(file) << svg;
  EXPECT_EQ(run_python(file.string() + " 4 0.3712 0.31,-0.12,0.45,0.80 \"Hedges' g (SMCC)\""), 0);
  // A wrong expectation must make the checker fail (the check can fail).
  EXPECT_NE(run_python(file.string() + " 4 0.40 0.31,-0.12,0.45,0.80 \"Hedges' g (SMCC)\" 2>/dev/null"), 0);
  EXPECT_NE(run_python(file.string() + " 5 0.3712 0.31,-0.12,0.45,0.80 \"Hedges' g (SMCC)\" 2>/dev/null"), 0);
  fs::remove(file);
}

TEST(ReportSvg, TextIsEscaped) {
  EXPECT_EQ(escape_xml("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  Svg svg(10, 10);
  svg.text(1, 1, "<script>");
  EXPECT_EQ(svg.str().find("<script>"), std::string::npos);
}

TEST(ReportSvg, PaletteIsOkabeIto) {
  // Okabe & Ito (2008), as listed in their "Color Universal Design" page.
  EXPECT_EQ(okabe_ito(1), "#E69F00");
  EXPECT_EQ(okabe_ito(2), "#56B4E9");
  EXPECT_EQ(okabe_ito(3), "#009E73");
  EXPECT_EQ(okabe_ito(6), "#D55E00");
  EXPECT_EQ(okabe_ito(9), okabe_ito(1));
}

}  // namespace
