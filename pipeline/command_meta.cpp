// `acuroi meta CONFIG`: pools the study records of the config's meta: section (acuroi group
// outputs and published-study tables, the config's own study first) per ROI x measure and writes
// <meta dir>/ (HDF5 + TSV + JSON; modules/metastudy/SCHEMA.md).
// `acuroi meta --studies TABLE.csv --measure M`: pools one table of published studies (metafor's
// escalc column names) with metafor-equal definitions, prints a summary, optionally writes JSON.
// Exit 0 ok, 2 config or usage error, 3 input error.
#include <iostream>
#include <memory>
#include <sstream>

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/config/config.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/meta/report.hpp"
#include "acuroi/metastudy/run.hpp"
#include "commands.hpp"

namespace acuroi::pipeline {
namespace {
struct MetaOptions {
  std::string config_path;
  std::string studies, measure = "GEN", method = "REML", test = "z", json, mods, subgroup;
  double level = 95.0;
};

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

int run_meta_config(const std::string& config_path) {
  const metastudy::MetaRunSummary summary = metastudy::run_meta(config::load_config(config_path));
  std::cout << metastudy::describe_meta_run(summary);
  return 0;
}

int run_meta(const MetaOptions& o) {
  if (!o.config_path.empty() && !o.studies.empty())
    throw core::ConfigError("", 0, 0, "--studies", o.studies,
                            "give either CONFIG (studies listed in its meta: section) or --studies TABLE.csv, "
                            "not both");
  if (!o.config_path.empty()) return run_meta_config(o.config_path);
  if (o.studies.empty())
    throw core::ConfigError("", 0, 0, "CONFIG", "",
                            "give a config with a meta: section, or a study table with --studies TABLE.csv");
  meta::StudyTableOptions to;
  to.measure = meta::parse_measure(o.measure);
  to.mods = split_commas(o.mods);
  if (!o.subgroup.empty()) to.subgroup = o.subgroup;
  meta::RmaOptions ro;
  ro.method = meta::parse_tau2_method(o.method);
  ro.test = meta::parse_test_type(o.test);
  ro.level = o.level;
  const meta::MetaReport report = meta::analyse_studies(meta::load_study_table(o.studies, to), ro);
  std::cout << meta::report_text(report);
  if (!o.json.empty()) core::write_text_atomically(o.json, meta::report_json(report));
  return 0;
}

const CommandRegistration registration{"meta", 50, [](CLI::App& app) {
  auto opts = std::make_shared<MetaOptions>();
  auto* cmd = app.add_subcommand("meta", "Meta-analysis: pool study effects across studies and sites (metafor-equal)");
  cmd->add_option("CONFIG", opts->config_path, "YAML config with a meta: section (studies, moderators, methods)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--studies", opts->studies,
                  "Instead of CONFIG: one table of published studies (CSV/TSV, escalc column names)");
  cmd->add_option("--measure", opts->measure, "Effect measure: GEN, MD, SMD, SMDH, ROM, MC, SMCC, SMCR, OR, RR, RD, AS, PETO")
      ->capture_default_str();
  cmd->add_option("--method", opts->method, "tau^2 estimator: FE, DL, HE, HS, SJ, ML, REML, EB, PM")->capture_default_str();
  cmd->add_option("--test", opts->test, "Test: z, knha (Hartung-Knapp), adhoc (truncated), t")->capture_default_str();
  cmd->add_option("--level", opts->level, "Confidence level in percent")->capture_default_str();
  cmd->add_option("--mods", opts->mods, "Moderator columns, comma-separated (meta-regression)");
  cmd->add_option("--subgroup", opts->subgroup, "Subgroup column (tests for subgroup differences)");
  cmd->add_option("--json", opts->json, "With --studies: write metafor-named JSON results here");
  cmd->callback([opts] { select_action([opts] { return run_meta(*opts); }); });
}};
}  // namespace
}  // namespace acuroi::pipeline
