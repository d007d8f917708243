// End to end: three simulated studies (acuroi simulate → participant → group) and published
// tables pooled with `acuroi meta CONFIG`. Every pooled number is recomputed by
// crosscheck_meta.py (numpy/scipy, its own DL/REML/PM, Hartung–Knapp, Q-profile, Egger, Begg,
// subgroups, meta-regression, BH) from the same group records and tables, at 1e-8 relative for
// closed forms and 1e-6 for iterative estimators; it also reads the HDF5 file with h5py (every
// table equal to its TSV, input hashes) and the JSON models. The planted between-arm effects come
// out with the planted sign; moderators and subgroups appear in the outputs.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "acuroi/io/table.hpp"
#include "meta_fixture.hpp"

namespace {

using meta_test::ScratchDir;

// A meta-only config (no study: section) listing the three simulated studies and a table.
std::string meta_only_config(const std::string& extra) {
  const auto& s = meta_test::simulated_studies();
  return "meta:\n  studies:\n"
         "    - {name: trialA, group: " + (s[0].output / "group").string() +
         ", moderators: {country: DE, sham_type: minimal, year: 2020}}\n"
         "    - {name: trialB, group: " + s[1].output.string() +
         ", moderators: {country: CN, sham_type: minimal, year: 2021}}\n"
         "    - {name: trialC, group: " + (s[2].output / "group").string() +
         ", moderators: {country: DE, sham_type: streitberger, year: 2022}}\n"
         "    - {name: published, table: " + meta_test::data_file("published_md.csv") +
         ", moderators: {sham_type: streitberger}}\n" + extra;
}

std::string output_of(const meta_test::ProgramResult& r) { return r.out + r.err; }

std::size_t find_row(const acuroi::io::Table& t, const std::vector<std::pair<std::string, std::string>>& keys) {
  for (std::size_t r = 0; r < t.row_count(); ++r) {
    bool match = true;
    for (const auto& [column, value] : keys) match = match && t.cell(r, column) == value;
    if (match) return r;
  }
  throw std::runtime_error("no such row in " + t.source());
}

TEST(MetaEndToEnd, MetaOnlyConfigPoolsAndEqualsAnIndependentRecomputation) {
  ScratchDir dir;
  const auto config = dir.write("meta.yaml", meta_only_config("  subgroup: sham_type\n  moderators: [year, country]\n"
                                                              "output:\n  dir: " + (dir.path() / "out").string() +
                                                              "\n"));
  const auto run = meta_test::run_acuroi("meta " + config.string());
  ASSERT_EQ(run.exit_code, 0) << output_of(run);
  std::cout << run.out;
  const auto check = meta_test::run_crosscheck(config);
  std::cout << check.out;
  EXPECT_EQ(check.exit_code, 0) << output_of(check);
  EXPECT_NE(check.out.find("\nok\n"), std::string::npos);

  // Same inputs, same numbers: a second run writes identical tables.
  const auto meta_dir = dir.path() / "out" / "meta";
  const std::string first = meta_test::read_text(meta_dir / "meta_pooled.tsv");
  ASSERT_EQ(meta_test::run_acuroi("meta " + config.string()).exit_code, 0);
  EXPECT_EQ(meta_test::read_text(meta_dir / "meta_pooled.tsv"), first);
}

TEST(MetaEndToEnd, OwnStudyIsPooledFirstWithSmdDlAndHigginsInterval) {
  ScratchDir dir;
  const auto& s = meta_test::simulated_studies();
  const std::string text = "study:\n  name: trialA\n  dataset: " + s[0].dataset.string() +
                           "\noutput:\n  dir: " + s[0].output.string() +
                           "\nmeta:\n  own_study_moderators: {sham_type: minimal}\n  studies:\n"
                           "    - {name: trialB, group: " + s[1].output.string() +
                           ", moderators: {sham_type: minimal}}\n"
                           "    - {name: trialC, group: " + s[2].output.string() +
                           ", moderators: {sham_type: streitberger}}\n"
                           "    - {name: smd_table, table: " + meta_test::data_file("published_smd.tsv") +
                           ", moderators: {sham_type: streitberger}}\n"
                           "  effect_measure: SMD\n  method: DL\n  test: z\n  prediction_df: higgins\n"
                           "  subgroup: sham_type\n  moderators: [sham_type]\n  output_dir: " +
                           (dir.path() / "meta").string() + "\n";
  const auto config = dir.write("own.yaml", text);
  const auto run = meta_test::run_acuroi("meta " + config.string());
  ASSERT_EQ(run.exit_code, 0) << output_of(run);
  const auto check = meta_test::run_crosscheck(config);
  std::cout << check.out;
  EXPECT_EQ(check.exit_code, 0) << output_of(check);
  const auto studies = acuroi::io::read_table(dir.path() / "meta" / "meta_studies.tsv");
  ASSERT_EQ(studies.row_count(), 4u);
  EXPECT_EQ(studies.cell(0, "study"), "trialA");
  EXPECT_EQ(studies.cell(0, "path"), (s[0].output / "group" / "group_study_records.tsv").string());
  std::ifstream json_file(dir.path() / "meta" / "models" / "ACC_mean.json");
  const nlohmann::json j = nlohmann::json::parse(json_file);
  EXPECT_EQ(j["study"][0], "trialA");
  EXPECT_EQ(j["measure"], "SMD");
  EXPECT_EQ(j["method"], "DL");
  EXPECT_TRUE(j.contains("zval"));
  // SMD from the group records with the exact J equals the group's own Hedges' g.
  const auto records = acuroi::io::read_table(s[1].output / "group" / "group_study_records.tsv");
  const auto effects = acuroi::io::read_table(dir.path() / "meta" / "meta_study_effects.tsv");
  const std::size_t r = find_row(records, {{"roi", "insula"}, {"measure", "alff"}});
  const std::size_t e = find_row(effects, {{"roi", "insula"}, {"measure", "alff"}, {"study", "trialB"}});
  EXPECT_NEAR(effects.number(e, "yi"), records.number(r, "hedges_g"), 1e-12 * std::abs(records.number(r, "hedges_g")));
  EXPECT_NEAR(effects.number(e, "vi"), records.number(r, "hedges_g_variance"), 1e-12);
}

TEST(MetaEndToEnd, PrePostMeasureWithPauleMandelAndTableGivingRoiAndMeasure) {
  ScratchDir dir;
  const auto& s = meta_test::simulated_studies();
  const std::string text = "meta:\n  studies:\n"
                           "    - {name: trialA, group: " + s[0].output.string() + "}\n"
                           "    - {name: trialB, group: " + s[1].output.string() + "}\n"
                           "    - {name: trialC, group: " + s[2].output.string() + "}\n"
                           "    - {name: prepost, table: " + meta_test::data_file("published_prepost.csv") +
                           ", roi: ACC, measure: mean}\n"
                           "  effect_measure: SMCC\n  method: PM\n  test: t\n  p_adjust: BH\n"
                           "  output_dir: " + (dir.path() / "meta").string() + "\n";
  const auto config = dir.write("prepost.yaml", text);
  const auto run = meta_test::run_acuroi("meta " + config.string());
  ASSERT_EQ(run.exit_code, 0) << output_of(run);
  const auto check = meta_test::run_crosscheck(config);
  std::cout << check.out;
  EXPECT_EQ(check.exit_code, 0) << output_of(check);
  const auto pooled = acuroi::io::read_table(dir.path() / "meta" / "meta_pooled.tsv");
  EXPECT_EQ(pooled.number(find_row(pooled, {{"roi", "ACC"}, {"measure", "mean"}}), "k"), 5.0);
}

// Each simulated study's between-arm effect (MD of the change) has the planted sign for every ROI
// of the ground truth, and so has the pooled effect wherever only simulated studies are pooled.
TEST(MetaEndToEnd, PlantedEffectsComeOutWithThePlantedSignAndModeratorsAppear) {
  ScratchDir dir;
  const auto config = dir.write("meta.yaml", meta_only_config("  subgroup: sham_type\n  moderators: [year]\n"
                                                              "  output_dir: " + (dir.path() / "meta").string() +
                                                              "\n"));
  const auto run = meta_test::run_acuroi("meta " + config.string());
  ASSERT_EQ(run.exit_code, 0) << output_of(run);
  const auto& studies = meta_test::simulated_studies();
  const auto pooled = acuroi::io::read_table(dir.path() / "meta" / "meta_pooled.tsv");
  const auto effects = acuroi::io::read_table(dir.path() / "meta" / "meta_study_effects.tsv");
  int checked = 0;
  for (const auto& study : studies) {
    std::ifstream truth_file(study.dataset / "acuroi_ground_truth.json");
    const nlohmann::json truth = nlohmann::json::parse(truth_file).at("roi_effects");
    for (const std::string roi : {"ACC", "insula", "S1", "thalamus", "DMN"})
      for (const std::string measure : {"mean", "alff"}) {
        const double planted = truth.at(roi)
                                   .at(measure == "mean" ? "mean_shift_percent" : "amplitude_log_ratio")
                                   .at("between_arm");
        const double yi = effects.number(find_row(effects, {{"roi", roi}, {"measure", measure},
                                                            {"study", study.name}}), "yi");
        EXPECT_EQ(std::signbit(yi), std::signbit(planted)) << study.name << " " << roi << "/" << measure;
        const bool with_table = measure == "mean" && (roi == "ACC" || roi == "insula");
        if (with_table || &study != &studies.front()) continue;
        const double estimate = pooled.number(find_row(pooled, {{"roi", roi}, {"measure", measure}}), "estimate");
        std::cout << roi << "/" << measure << ": pooled MD " << estimate << " (planted " << planted << ")\n";
        EXPECT_EQ(std::signbit(estimate), std::signbit(planted)) << roi << "/" << measure;
        ++checked;
      }
  }
  EXPECT_EQ(checked, 8);
  // Moderators: one column each, per study; subgroup levels; the meta-regression term.
  const std::size_t c = find_row(effects, {{"roi", "S1"}, {"measure", "alff"}, {"study", "trialC"}});
  EXPECT_EQ(effects.cell(c, "country"), "DE");
  EXPECT_EQ(effects.cell(c, "sham_type"), "streitberger");
  EXPECT_EQ(effects.cell(c, "year"), "2022");
  const std::size_t li = find_row(effects, {{"roi", "ACC"}, {"measure", "mean"}, {"label", "Li 2015"}});
  EXPECT_EQ(effects.cell(li, "country"), "CN");  // the table's column, over the entry's moderators
  EXPECT_EQ(effects.cell(li, "year"), "2015");
  const auto subgroups = acuroi::io::read_table(dir.path() / "meta" / "meta_subgroups.tsv");
  EXPECT_EQ(subgroups.number(find_row(subgroups, {{"roi", "ACC"}, {"measure", "mean"}, {"level", "minimal"}}), "k"),
            2.0);
  EXPECT_EQ(
      subgroups.number(find_row(subgroups, {{"roi", "ACC"}, {"measure", "mean"}, {"level", "streitberger"}}), "k"),
      3.0);
  const auto regression = acuroi::io::read_table(dir.path() / "meta" / "meta_regression.tsv");
  EXPECT_NO_THROW(find_row(regression, {{"roi", "ACC"}, {"measure", "mean"}, {"term", "year"}}));
  const auto h5_check = meta_test::run_program(
      std::string(ACUROI_PYTHON) + " -c \"import h5py; f = h5py.File('" + (dir.path() / "meta" / "meta_acuroi.h5").string() +
      "'); print(sorted(f['study_effects'].attrs['columns'].split(','))[:3], f.attrs['method'], "
      "list(f['subgroups/level'].asstr()[...])[:2])\"");
  EXPECT_EQ(h5_check.exit_code, 0) << output_of(h5_check);
  EXPECT_EQ(h5_check.out, "['country', 'label', 'measure'] REML ['minimal', 'streitberger']\n");
}

}  // namespace
