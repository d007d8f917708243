// The built `acuroi config` command: exit codes, stdout, and messages on stderr.
#include <gtest/gtest.h>

#include "acuroi/config/config.hpp"
#include "test_support.hpp"

namespace acuroi::config {
namespace {
using testing::run_program;
using testing::ScratchDir;

const std::string kAcuroi = ACUROI_BINARY;

TEST(ConfigCommand, DefaultsPrintsTheDefaultConfig) {
  ASSERT_TRUE(std::filesystem::exists(kAcuroi)) << "build the acuroi target first: " << kAcuroi;
  const auto result = run_program(kAcuroi + " config --defaults");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, default_config_yaml());
  EXPECT_EQ(result.err, "");
}

TEST(ConfigCommand, CheckPrintsTheResolvedConfig) {
  ASSERT_TRUE(std::filesystem::exists(kAcuroi)) << kAcuroi;
  const std::string demo = testing::source_path("configs/demo.yaml");
  const auto result = run_program(kAcuroi + " config --check " + demo);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const Config config = load_config(demo);
  EXPECT_EQ(result.out, "# " + demo + " is valid; resolved (config_hash " + config_hash(config) +
                            "):\n" + resolved_yaml(config));
}

TEST(ConfigCommand, CheckOfABadFileExitsTwoWithTheMessage) {
  ASSERT_TRUE(std::filesystem::exists(kAcuroi)) << kAcuroi;
  ScratchDir dir;
  const auto bad = dir.write("bad.yaml", "study: {dataset: d}\nrois:\n  min_coverage: high\n");
  const auto result = run_program(kAcuroi + " config --check " + bad.string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "acuroi: error: " + bad.string() +
                            ":3:17: rois.min_coverage = 'high': expected a number\n");

  const auto missing =
      run_program(kAcuroi + " config --check " + (dir.path() / "none.yaml").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("none.yaml: cannot read the config file: No such file or directory"),
            std::string::npos)
      << missing.err;
}

TEST(ConfigCommand, NeedsExactlyOneOfDefaultsOrCheck) {
  ASSERT_TRUE(std::filesystem::exists(kAcuroi)) << kAcuroi;
  EXPECT_EQ(run_program(kAcuroi + " config").exit_code, 2);
  EXPECT_EQ(run_program(kAcuroi + " config --defaults --check x.yaml").exit_code, 2);
}

}  // namespace
}  // namespace acuroi::config
