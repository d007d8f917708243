// The meta section from metafor reference outputs (make_meta_fixture.py: normand1999, MD, REML):
// Chromium renders it with one forest and one funnel plot, and the forest plot's rows and diamond
// map back to metafor's yi and pooled estimate (check_svg.py).
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

TEST(ReportMeta, ForestAndFunnelFromMetaforReference) {
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

  auto config = acuroi::config::load_config(fs::path(source) / "configs/demo.yaml");
  config.output.dir = work;  // no participant or group outputs here: only the meta section
  const fs::path html = acuroi::report::write_report(config);
  ASSERT_EQ(html, work / "report/acuroi_report.html");

  const std::string svg_check = std::string(ACUROI_PYTHON) + " " + source +
                                "/tests/report/check_svg.py " +
                                (work / "report/figures/forest_ACC_alff.svg").string() + " 9 " +
                                pooled + " " + yi + " MD";
  EXPECT_EQ(std::system(svg_check.c_str()), 0);
  const std::string browser_check = std::string(ACUROI_PYTHON) + " " + source +
                                    "/tests/report/check_browser.py " + chromium.string() + " " +
                                    html.string() + " " + work.string() +
                                    " forest=1 funnel=1 overlay=3 fd=0 tables_min=4";
  EXPECT_EQ(std::system(browser_check.c_str()), 0);
}

}  // namespace
