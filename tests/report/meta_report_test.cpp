// The meta section from metafor reference outputs (make_meta_fixture.py: normand1999 MD REML as
// ACC x alff; dat.bcg log RR REML with trimfill and subgroups by alloc as insula x alff): Chromium
// renders it with two forests, one forest by subgroup and two funnels; the ACC forest's rows and
// diamond map back to metafor's yi and pooled estimate (check_svg.py); the insula funnel shows
// metafor's filled study and trim-and-fill estimate, and the insula forest by alloc metafor's
// subgroup blocks, subgroup estimates and moderator test (check_meta_svg.py).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "acuroi/config/config.hpp"
#include "acuroi/report/report.hpp"

namespace {
namespace fs = std::filesystem;

std::string capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 512> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) out += buffer.data();
  pclose(pipe);
  return out;
}

TEST(ReportMeta, ForestFunnelTrimFillAndSubgroupsFromMetaforReference) {
  const fs::path chromium = "/usr/bin/chromium";
  ASSERT_TRUE(fs::exists(chromium)) << "chromium is required (apt-get install chromium)";
  const std::string source = ACUROI_SOURCE_DIR;
  const fs::path work = fs::temp_directory_path() / "acuroi_report_meta_test";
  fs::remove_all(work);
  fs::create_directories(work);
  const std::string fixture = capture(std::string(ACUROI_PYTHON) + " " + source +
                                      "/tests/report/make_meta_fixture.py " + work.string());
  const auto space = fixture.find(' ');
  ASSERT_NE(space, std::string::npos) << fixture;
  const std::string yi = fixture.substr(0, space);
  const std::string pooled = fixture.substr(space + 1, fixture.find('\n') - space - 1);
  const auto second = fixture.find('\n') + 1, third = fixture.find('\n', second) + 1;
  const std::string funnel_args = fixture.substr(second, third - second - 1);
  std::string forest_args = fixture.substr(third, fixture.find('\n', third) - third);
  const auto test_at = forest_args.find(" test=");
  ASSERT_NE(test_at, std::string::npos) << fixture;
  forest_args = forest_args.substr(0, test_at) + " \"" + forest_args.substr(test_at + 1) + "\"";

  auto config = acuroi::config::load_config(fs::path(source) / "configs/demo.yaml");
  config.output.dir = work;  // no participant or group outputs here: only the meta section
  const fs::path html = acuroi::report::write_report(config);
  ASSERT_EQ(html, work / "report/acuroi_report.html");

  const std::string svg_check = std::string(ACUROI_PYTHON) + " " + source +
                                "/tests/report/check_svg.py " +
                                (work / "report/figures/forest_ACC_alff.svg").string() + " 9 " +
                                pooled + " " + yi + " MD";
  EXPECT_EQ(std::system(svg_check.c_str()), 0);
  const std::string meta_check = std::string(ACUROI_PYTHON) + " " + source + "/tests/report/check_meta_svg.py ";
  const std::string figures = (work / "report/figures/").string();
  EXPECT_EQ(std::system((meta_check + "funnel " + figures + "funnel_insula_alff.svg " + funnel_args).c_str()), 0);
  EXPECT_EQ(std::system((meta_check + "forest-subgroups " + figures + "forest_insula_alff_by_alloc.svg " +
                         forest_args).c_str()), 0);
  // No trim-and-fill rows and no subgroups for ACC x alff: no filled points, no forest by subgroup.
  EXPECT_EQ(std::system((meta_check + "funnel " + figures + "funnel_ACC_alff.svg 9 0 " + pooled + " - -").c_str()), 0);
  EXPECT_FALSE(fs::exists(work / "report/figures/forest_ACC_alff_by_alloc.svg"));
  const std::string browser_check = std::string(ACUROI_PYTHON) + " " + source +
                                    "/tests/report/check_browser.py " + chromium.string() + " " +
                                    html.string() + " " + work.string() +
                                    " forest=2 forest-subgroups=1 funnel=2 overlay=3 fd=0 tables_min=4";
  EXPECT_EQ(std::system(browser_check.c_str()), 0);
}

}  // namespace
