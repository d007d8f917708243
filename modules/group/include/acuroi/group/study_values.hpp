// A study's ROI-level values, ready for group statistics: per ROI × measure ("column") the pre and
// post value of every included participant, with the participants and values left out and why.
//
// Input: the long measure table of each participant file, /sessions/<session>/measures/{measure,
// roi, value, status} (see modules/store/SCHEMA.md). A participant is left out (one Exclusion with
// empty roi/measure) when it is not selected (participants.include/exclude), its arm is not a
// study arm, it lacks the pre or post session or its measure table, or every value of a session is
// NaN (excluded by QC: the status says why). A single missing value (NaN, or no row) is an
// Exclusion of that participant from that ROI × measure only, with the status as reason.
//
//   std::vector<ParticipantMeasures> ms = {participant_measures(record, path)};
//   StudyValues values = collect_study_values(ms, design);
//   double x = values.pre(i, j);   // participant i, column values.columns[j]; NaN = left out
#pragma once
#include <Eigen/Dense>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "acuroi/store/participant_record.hpp"

namespace acuroi::group {

struct RoiMeasure {
  std::string roi;      // "ACC", "ACC~insula" (a pair) or "brain"
  std::string measure;  // "alff", "fc_z", "task_beta.pain", ...
  std::string label() const { return roi + "/" + measure; }
  bool operator==(const RoiMeasure&) const = default;
  auto operator<=>(const RoiMeasure&) const = default;
};

struct Exclusion {
  std::string participant, arm;
  std::string session;       // "" = not session-specific
  std::string roi, measure;  // both "" = the participant is left out of every analysis
  std::string reason;
};

// One session's measure table as read from a participant file.
struct SessionMeasures {
  std::vector<RoiMeasure> keys;
  std::vector<double> values;       // NaN = no value
  std::vector<std::string> status;  // "" = ok, else why the value is NaN
};

// What the group level needs from one participant file (not the time series).
struct ParticipantMeasures {
  std::string participant, arm;
  std::map<std::string, std::string> covariates;    // participants.tsv columns, as text
  std::vector<std::string> sessions_in_file;        // sessions with runs or session data
  std::map<std::string, SessionMeasures> sessions;  // sessions that have a measure table
  std::string source;                               // the file, for messages
};

// Reads the measure tables of `record` (read from `source`). Throws core::InputError naming the
// file and dataset when a table is malformed (arrays of different lengths or wrong types, a
// repeated ROI × measure row).
ParticipantMeasures participant_measures(const store::ParticipantRecord& record,
                                         const std::string& source);

struct StudyDesign {
  std::string active_arm, control_arm;  // control "" = a single-arm study
  std::string pre_session = "pre", post_session = "post";
  std::vector<std::string> include, exclude;             // participant labels; include empty = all
  std::function<bool(std::string_view)> select_measure;  // empty = every measure
};

struct StudyValues {
  std::vector<std::string> participants;  // included participants, in the order given
  std::vector<std::string> arms;          // per participant
  std::vector<std::map<std::string, std::string>> covariates;  // per participant
  std::vector<RoiMeasure> columns;                             // in order of first appearance
  Eigen::MatrixXd pre, post;  // participants × columns; NaN = left out
  std::vector<Exclusion> exclusions;
  std::string active_arm, control_arm;
  std::string pre_session, post_session;

  bool has_control() const { return !control_arm.empty(); }
};

StudyValues collect_study_values(const std::vector<ParticipantMeasures>& participants,
                                 const StudyDesign& design);

}  // namespace acuroi::group
