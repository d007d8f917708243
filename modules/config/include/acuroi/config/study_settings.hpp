// Settings of the `study:` and `participants:` sections: where the dataset is and how the
// study is designed (arms, pre/post session labels, task, space), and which participants to use.
//
// Paths are absolute after loading (study.dataset relative to the config file's folder,
// participants_file relative to the dataset). Labels are BIDS labels without their prefix
// ("01", not "sub-01"; "pre", not "ses-pre"). Defaults live in the schema: use default_config().
//
//   const StudySettings& s = config.study;
//   std::string active = s.arms[0];   // "acupuncture"; s.arms[1] (if any) is the control arm
//   std::string before = s.sessions.pre;
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace acuroi::config {

struct SessionLabels {
  std::string pre;   // session label before treatment (ses-<pre>)
  std::string post;  // session label after treatment (ses-<post>)
  bool operator==(const SessionLabels&) const = default;
};

struct StudySettings {
  std::string name;                         // study name, used in output names and reports
  std::filesystem::path dataset;            // fMRIPrep-style derivatives folder (absolute)
  std::filesystem::path participants_file;  // participants table (absolute)
  std::string arm_column;                   // column of participants_file holding the arm
  std::vector<std::string> arms;            // 1 or 2 distinct values: [active] or [active, control]
  SessionLabels sessions;
  std::string task;   // task-<label> of the runs
  std::string space;  // space-<label> of the preprocessed runs
  bool operator==(const StudySettings&) const = default;
};

struct ParticipantSettings {
  std::vector<std::string> include;  // participant labels to use; empty = all
  std::vector<std::string> exclude;  // participant labels to leave out (after include)
  bool operator==(const ParticipantSettings&) const = default;
};

}  // namespace acuroi::config
