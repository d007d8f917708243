// The demo's report rendered by headless Chromium (check_browser.py): figure counts in the DOM,
// a non-blank screenshot, no console errors. Fails (does not skip) when chromium is missing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "acuroi/config/config.hpp"
#include "acuroi/report/report.hpp"
#include "demo_config.hpp"

namespace {
namespace fs = std::filesystem;

TEST(ReportBrowser, DemoReportRendersInChromium) {
  const fs::path chromium = "/usr/bin/chromium";
  ASSERT_TRUE(fs::exists(chromium)) << "chromium is required (apt-get install chromium)";
  // The demo study, run into a scratch folder by `acuroi run` (relative paths made absolute).
  const fs::path work = fs::temp_directory_path() / "acuroi_report_browser_test";
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path config_path = acuroi::report::testing::write_demo_config(work / "demo.yaml", work / "out");
  const std::string run = std::string(ACUROI_BINARY) + " run " + config_path.string() + " --quiet";
  ASSERT_EQ(std::system(run.c_str()), 0) << run;
  auto config = acuroi::config::load_config(config_path);
  acuroi::report::ReportOptions options;
  options.report_dir = work / "report";
  const fs::path html = acuroi::report::write_report(config, options);
  ASSERT_TRUE(fs::exists(html));
  ASSERT_TRUE(fs::exists(work / "report/figures/overlay_axial.svg"));
  // The demo: 8 participants x 2 sessions x 1 run (an FD trace and a carpet each); 3 overlay
  // planes; its meta section pools ALFF over 5 ROIs with the synthetic published table (a forest,
  // a forest by sham type, a funnel and a leave-one-out plot each); the summary, exclusions, ROI
  // definitions, coverage, kept, tSNR, group and meta tables.
  const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                              "/tests/report/check_browser.py " + chromium.string() + " " +
                              html.string() + " " + work.string() +
                              " overlay=3 fd=16 carpet=16 forest=5 forest-subgroups=5 funnel=5 leave-one-out=5 effects=7 tables_min=12";
  EXPECT_EQ(std::system(command.c_str()), 0);
  fs::remove_all(work);
}

}  // namespace
