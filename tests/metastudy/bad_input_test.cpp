// Bad input to `acuroi meta CONFIG`: each a defined result recorded in the outputs, or a clear
// error with the input-error (3) or config-error (2) exit code naming what is wrong.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "acuroi/io/table.hpp"
#include "meta_fixture.hpp"

namespace {

using meta_test::ScratchDir;

std::string output_of(const meta_test::ProgramResult& r) { return r.out + r.err; }

std::string studies_yaml(const std::string& extra_studies) {
  const auto& s = meta_test::simulated_studies();
  return "meta:\n  studies:\n"
         "    - {name: trialA, group: " + s[0].output.string() + "}\n"
         "    - {name: trialB, group: " + s[1].output.string() + "}\n" + extra_studies;
}

TEST(MetaBadInput, MissingGroupFolderIsAnInputErrorNamingStudyAndFolder) {
  ScratchDir dir;
  const auto config = dir.write("m.yaml", studies_yaml("    - {name: lost, group: no/such/folder}\n"));
  const auto run = meta_test::run_acuroi("meta " + config.string());
  EXPECT_EQ(run.exit_code, 3) << output_of(run);
  EXPECT_NE(run.err.find("study 'lost'"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find((dir.path() / "no/such/folder").string()), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "acuroi-out" / "meta"));
}

// A study whose records lack an ROI × measure, or whose group analysis could not compute one, is
// left out of that pool with the reason; the other pools keep it.
TEST(MetaBadInput, StudyMissingAPairIsLeftOutOfThatPoolWithItsReason) {
  ScratchDir dir;
  const auto& s = meta_test::simulated_studies();
  std::ifstream in(s[2].output / "group" / "group_study_records.tsv");
  std::string line, trimmed;
  std::getline(in, line);
  trimmed = line + "\n";
  const auto header = acuroi::io::parse_table(line + "\n", acuroi::io::TableFormat::tsv(), "h").header();
  const auto status_column = std::find(header.begin(), header.end(), "status") - header.begin();
  while (std::getline(in, line)) {
    if (line.rfind("S1\t", 0) == 0) continue;  // no S1 records at all
    if (line.rfind("thalamus\talff\t", 0) == 0) {  // a record the group could not compute
      std::vector<std::string> cells;
      std::stringstream fields(line);
      for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
      cells[static_cast<std::size_t>(status_column)] = "arm 'sham': zero variance";
      line.clear();
      for (const auto& cell : cells) line += (line.empty() ? "" : "\t") + cell;
    }
    trimmed += line + "\n";
  }
  dir.write("trimmed/group_study_records.tsv", trimmed);
  const auto config = dir.write("m.yaml", studies_yaml("    - {name: trimmed, group: trimmed}\n"));
  const auto run = meta_test::run_acuroi("meta " + config.string());
  ASSERT_EQ(run.exit_code, 0) << output_of(run);
  const auto meta_dir = dir.path() / "acuroi-out" / "meta";
  const auto left = acuroi::io::read_table(meta_dir / "meta_left_out.tsv");
  std::map<std::string, std::string> reasons;
  for (std::size_t r = 0; r < left.row_count(); ++r)
    reasons[std::string(left.cell(r, "roi")) + "/" + std::string(left.cell(r, "measure")) + " " +
            std::string(left.cell(r, "study"))] = left.cell(r, "reason");
  EXPECT_EQ(reasons["S1/mean trimmed"], "no record for ROI S1, measure mean");
  EXPECT_EQ(reasons["S1/alff trimmed"], "no record for ROI S1, measure alff");
  EXPECT_EQ(reasons["thalamus/alff trimmed"],
            "the group analysis could not compute this record: arm 'sham': zero variance");
  EXPECT_EQ(reasons.size(), 3u);
  const auto pooled = acuroi::io::read_table(meta_dir / "meta_pooled.tsv");
  for (std::size_t r = 0; r < pooled.row_count(); ++r) {
    const bool reduced = pooled.cell(r, "roi") == "S1" || (pooled.cell(r, "roi") == "thalamus" &&
                                                             pooled.cell(r, "measure") == "alff");
    EXPECT_EQ(pooled.number(r, "k"), reduced ? 2.0 : 3.0) << pooled.cell(r, "roi") << "/" << pooled.cell(r, "measure");
  }
}

// k = 1 is metafor's defined result (the study's own effect, tau^2 = 0, z test, Q = 0); k = 0 is a
// pooled row with a status.
TEST(MetaBadInput, OneStudyPoolIsDefinedAndAnEmptyPoolHasAStatus) {
  ScratchDir dir;
  const auto config = dir.write(
      "m.yaml", studies_yaml("    - {name: sole, table: " + meta_test::data_file("one_row.csv") + "}\n") +
                    "  pairs: [ACC/alff, PAG/vas, nowhere/none]\n");
  const auto run = meta_test::run_acuroi("meta " + config.string());
  ASSERT_EQ(run.exit_code, 0) << output_of(run);
  const auto meta_dir = dir.path() / "acuroi-out" / "meta";
  const auto pooled = acuroi::io::read_table(meta_dir / "meta_pooled.tsv");
  ASSERT_EQ(pooled.row_count(), 3u);
  EXPECT_EQ(pooled.cell(1, "roi"), "PAG");
  EXPECT_EQ(pooled.number(1, "k"), 1.0);
  EXPECT_EQ(pooled.number(1, "estimate"), -1.25);
  EXPECT_NEAR(pooled.number(1, "se"), 0.3, 1e-15);
  EXPECT_EQ(pooled.cell(1, "test"), "z");
  EXPECT_EQ(pooled.number(1, "tau2"), 0.0);
  EXPECT_EQ(pooled.number(1, "QE"), 0.0);
  EXPECT_EQ(pooled.number(1, "I2"), 0.0);
  EXPECT_NEAR(pooled.number(1, "pval"), std::erfc(1.25 / 0.3 / std::sqrt(2.0)), 1e-14);
  EXPECT_NE(pooled.cell(1, "notes").find("k = 1"), std::string::npos);
  EXPECT_EQ(pooled.cell(2, "roi"), "nowhere");
  EXPECT_EQ(pooled.number(2, "k"), 0.0);
  EXPECT_TRUE(std::isnan(pooled.number(2, "estimate")));
  EXPECT_EQ(pooled.cell(2, "status"), "no study gives a usable effect for this ROI x measure");
  std::ifstream json_file(meta_dir / "models" / "nowhere_none.json");
  const nlohmann::json j = nlohmann::json::parse(json_file);
  EXPECT_EQ(j["k"], 0);
  EXPECT_EQ(j["status"], "no study gives a usable effect for this ROI x measure");
  // p.adjust (BH) across the two fitted pools; the empty one stays NaN.
  EXPECT_TRUE(std::isnan(pooled.number(2, "p_adjusted")));
  const double p0 = pooled.number(0, "pval"), p1 = pooled.number(1, "pval");
  EXPECT_NEAR(pooled.number(1, "p_adjusted"), p1 >= p0 ? p1 : std::min(p0, 2 * p1), 1e-15);
}

TEST(MetaBadInput, TableRowGivingTooLittleNamesTheRowAndColumns) {
  ScratchDir dir;
  const auto config =
      dir.write("m.yaml", studies_yaml("    - {name: bad, table: " + meta_test::data_file("too_little.csv") + "}\n"));
  const auto run = meta_test::run_acuroi("meta " + config.string());
  EXPECT_EQ(run.exit_code, 3) << output_of(run);
  EXPECT_NE(run.err.find("too_little.csv"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("data row 2"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("sd1i, sd2i"), std::string::npos) << run.err;
}

TEST(MetaBadInput, ConfigAndUsageErrors) {
  ScratchDir dir;
  struct Case {
    std::string yaml, message;
    int exit_code;
  };
  const std::vector<Case> cases = {
      {studies_yaml("") + "  effect_measure: HEDGES\n", "meta.effect_measure = 'HEDGES': not an allowed value", 2},
      {studies_yaml("    - {name: both, group: a, table: b.csv}\n"), "this one has both", 2},
      {studies_yaml("    - {name: trialA, table: b.csv}\n"), "repeated study name 'trialA'", 2},
      {"study:\n  name: trialA\n  dataset: d\n" + studies_yaml(""), "this is the name of the config's own study", 2},
      {"meta:\n  method: REML\n", "nothing to pool", 3},
  };
  for (const Case& c : cases) {
    const auto config = dir.write("c.yaml", c.yaml);
    const auto run = meta_test::run_acuroi("meta " + config.string());
    EXPECT_EQ(run.exit_code, c.exit_code) << c.yaml << output_of(run);
    EXPECT_NE(run.err.find(c.message), std::string::npos) << c.yaml << run.err;
  }
  const auto both = meta_test::run_acuroi("meta " + (dir.path() / "c.yaml").string() + " --studies " +
                                          meta_test::data_file("one_row.csv"));
  EXPECT_EQ(both.exit_code, 2) << output_of(both);
  const auto neither = meta_test::run_acuroi("meta");
  EXPECT_EQ(neither.exit_code, 2) << output_of(neither);
}

}  // namespace
