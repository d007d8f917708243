// The `study:` section: dataset, participants table, arms, pre/post sessions, task, space.
#include "config_schema.hpp"

namespace acuroi::config::detail {

namespace {
std::string not_empty(const std::string& value) {
  return value.empty() ? "must not be empty" : std::string();
}

void check_sessions_differ(Config& config, const RecordSite& site) {
  if (config.study.sessions.pre != config.study.sessions.post) return;
  const std::string key =
      site.has("study.sessions.post") ? "study.sessions.post" : "study.sessions.pre";
  fail(site.at(key), config.study.sessions.post,
       "the pre and post sessions must differ (both are '" + config.study.sessions.pre + "')");
}
}  // namespace

void declare_study_section(ConfigSection& root) {
  auto study = root.section("study", &Config::study,
                            "The study: where its data are and how it is designed.");
  study.field("name", &StudySettings::name, "study", "study name, used in output names and reports")
      .check("not empty", not_empty);
  study
      .field("dataset", &StudySettings::dataset, {},
             "fMRIPrep-style derivatives folder (sub-*/ses-*/func/...)")
      .require("path/to/derivatives")
      .unless_section("meta")  // a meta-analyst without own data (schema_meta.cpp checks it)
      .note("not required in a config that only pools studies (a meta: section and no own data)");
  study
      .field("participants_file", &StudySettings::participants_file, "participants.tsv",
             "participants table (TSV) with the arm column and covariates")
      .check("", path_set_problem)
      .relative_to("the dataset", [](const Config& c) { return c.study.dataset; });
  study
      .field("arm_column", &StudySettings::arm_column, "arm",
             "column of the participants table that holds each participant's arm")
      .check("not empty", not_empty);
  study
      .field("arms", &StudySettings::arms, {"acupuncture", "sham"},
             "arm values: first = active arm, second = control; two arms give the between-arm "
             "contrast")
      .items(1, 2)
      .unique_items()
      .each("not empty", not_empty);
  auto sessions = study.section("sessions", &StudySettings::sessions,
                                "Session labels (ses-<label>) of the two time points.");
  const auto strip_ses = [](std::string& s) { strip_prefix(s, "ses-"); };
  sessions.field("pre", &SessionLabels::pre, "pre", "session before treatment")
      .normalize(strip_ses)
      .check("a BIDS label", bids_label_problem);
  sessions.field("post", &SessionLabels::post, "post", "session after treatment")
      .normalize(strip_ses)
      .check("a BIDS label", bids_label_problem);
  study.field("task", &StudySettings::task, "rest", "task label (task-<label>) of the runs to use")
      .check("a BIDS label", bids_label_problem);
  study
      .field("space", &StudySettings::space, "MNI152NLin6Asym",
             "space label (space-<label>) of the preprocessed runs")
      .check("a BIDS label", bids_label_problem);
  study.check(check_sessions_differ);
}

}  // namespace acuroi::config::detail
