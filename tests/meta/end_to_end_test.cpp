// End to end: the built `acuroi meta --studies` on the BCG table (escalc column names), JSON
// compared with metafor's rma(measure="RR") (REML, z) reference.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "reference_data.hpp"

namespace acuroi::meta::testing {
namespace {

double ref(const std::string& an, const std::string& q, const std::string& idx = "") {
  for (const ReferenceRow& r : reference().at({"bcg", an}))
    if (r.quantity == q && r.index == idx) return r.value;
  throw std::runtime_error("no reference " + q);
}

TEST(MetaEndToEnd, StudiesJsonMatchesMetafor) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("acuroi_meta_e2e_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path json_path = dir / "bcg.json";
  const std::string cmd = std::string(ACUROI_BINARY) + " meta --studies " + data_dir() + "/bcg_escalc.csv" +
                          " --measure RR --method REML --test z --json " + json_path.string() + " > " +
                          (dir / "stdout.txt").string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(json_path);
  ASSERT_TRUE(in.good());
  const nlohmann::json j = nlohmann::json::parse(in);
  const std::string an = "logRR_REML";
  auto near = [](double got, double want) { EXPECT_NEAR(got, want, 1e-8 * std::max(std::abs(want), 1e-12)) << want; };
  EXPECT_EQ(j["k"], 13);
  EXPECT_EQ(j["method"], "REML");
  EXPECT_EQ(j["test"], "z");
  near(j["estimate"], ref(an, "beta", "intrcpt"));
  near(j["se"], ref(an, "se", "intrcpt"));
  near(j["zval"], ref(an, "stat", "intrcpt"));
  near(j["pval"], ref(an, "pval", "intrcpt"));
  near(j["ci_lb"], ref(an, "ci.lb", "intrcpt"));
  near(j["ci_ub"], ref(an, "ci.ub", "intrcpt"));
  near(j["pi_lb"], ref(an, "predict/pi.lb"));
  near(j["pi_ub"], ref(an, "predict/pi.ub"));
  near(j["tau2"], ref(an, "tau2"));
  near(j["I2"], ref(an, "I2"));
  near(j["H2"], ref(an, "H2"));
  near(j["QE"], ref(an, "QE"));
  near(j["QEp"], ref(an, "QEp"));
  // metafor's default confint tolerance (eps^0.25) leaves the QP bounds ~1e-5 from the tight ones
  EXPECT_NEAR(j["tau2_ci_lb"].get<double>(), ref(an, "confint_QP/ci.lb", "tau^2"), 1e-4);
  EXPECT_NEAR(j["tau2_ci_ub"].get<double>(), ref(an, "confint_QP/ci.ub", "tau^2"), 1e-4);
  ASSERT_EQ(j["yi"].size(), 13u);
  for (int i = 0; i < 13; ++i) {
    near(j["yi"][i], ref("escalc", "RR/yi", std::to_string(i + 1)));
    near(j["vi"][i], ref("escalc", "RR/vi", std::to_string(i + 1)));
    near(j["weights"][i], ref(an, "weights_pct", std::to_string(i + 1)));
  }
  std::filesystem::remove_all(dir);
}

TEST(MetaEndToEnd, BadTableFailsWithInputErrorExitCode) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("acuroi_meta_bad_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "bad.csv") << "study,ai,bi,ci\n1,4,119,11\n";
  const std::string cmd = std::string(ACUROI_BINARY) + " meta --studies " + (dir / "bad.csv").string() +
                          " --measure OR > " + (dir / "out.txt").string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 3);  // core::ExitCode::input_error
  std::ifstream out(dir / "out.txt");
  const std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("di"), std::string::npos) << text;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace acuroi::meta::testing
