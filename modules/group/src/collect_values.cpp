// Forming the participants × (ROI × measure) pre/post matrices of a study, with exclusions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "acuroi/group/study_values.hpp"

namespace acuroi::group {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Why a whole session cannot be used ("" = usable): missing, no measure table, or every value
// NaN (QC exclusion; the distinct statuses are the reason).
std::string session_problem(const ParticipantMeasures& p, const std::string& session) {
  if (!contains(p.sessions_in_file, session))
    return "no '" + session + "' session in the participant file";
  const auto it = p.sessions.find(session);
  if (it == p.sessions.end()) return "session '" + session + "' has no measure table";
  const SessionMeasures& s = it->second;
  if (s.values.empty()) return "session '" + session + "' has an empty measure table";
  if (std::any_of(s.values.begin(), s.values.end(), [](double v) { return std::isfinite(v); }))
    return "";
  std::vector<std::string> reasons;
  for (const std::string& status : s.status)
    if (!status.empty() && !contains(reasons, status)) reasons.push_back(status);
  if (reasons.empty()) reasons.push_back("every value is NaN");
  if (reasons.size() > 3) reasons.resize(3);
  return "session '" + session + "' excluded by QC: " + join(reasons, "; ");
}

// Why the participant is left out altogether ("" = included).
std::string participant_problem(const ParticipantMeasures& p, const StudyDesign& design) {
  if (!design.include.empty() && !contains(design.include, p.participant))
    return "not in participants.include";
  if (contains(design.exclude, p.participant)) return "excluded by participants.exclude";
  if (p.arm.empty()) return "no arm recorded in the participant file";
  if (p.arm != design.active_arm && p.arm != design.control_arm) {
    const std::string arms = design.control_arm.empty()
                                 ? design.active_arm
                                 : design.active_arm + ", " + design.control_arm;
    return "arm '" + p.arm + "' is not a study arm (" + arms + ")";
  }
  std::vector<std::string> problems;
  for (const std::string& session : {design.pre_session, design.post_session})
    if (std::string problem = session_problem(p, session); !problem.empty())
      problems.push_back(std::move(problem));
  return join(problems, "; ");
}

struct ValueLookup {
  std::map<RoiMeasure, std::size_t> index;
  const SessionMeasures* session = nullptr;
  explicit ValueLookup(const SessionMeasures& s) : session(&s) {
    for (std::size_t i = 0; i < s.keys.size(); ++i) index[s.keys[i]] = i;
  }
  // The value, or NaN with the reason in `why`.
  double value(const RoiMeasure& key, std::string& why) const {
    const auto it = index.find(key);
    if (it == index.end()) {
      why = "no row for this ROI × measure";
      return std::numeric_limits<double>::quiet_NaN();
    }
    const double v = session->values[it->second];
    if (!std::isfinite(v))
      why = session->status[it->second].empty() ? "no value (NaN)" : session->status[it->second];
    return v;
  }
};

void add_columns(const SessionMeasures& s, const StudyDesign& design,
                 std::vector<RoiMeasure>& columns) {
  for (const RoiMeasure& key : s.keys) {
    if (design.select_measure && !design.select_measure(key.measure)) continue;
    if (std::find(columns.begin(), columns.end(), key) == columns.end()) columns.push_back(key);
  }
}

}  // namespace

StudyValues collect_study_values(const std::vector<ParticipantMeasures>& participants,
                                 const StudyDesign& design) {
  StudyValues v;
  v.active_arm = design.active_arm;
  v.control_arm = design.control_arm;
  v.pre_session = design.pre_session;
  v.post_session = design.post_session;
  std::vector<const ParticipantMeasures*> kept;
  for (const ParticipantMeasures& p : participants) {
    if (std::string problem = participant_problem(p, design); !problem.empty()) {
      v.exclusions.push_back({p.participant, p.arm, "", "", "", std::move(problem)});
      continue;
    }
    kept.push_back(&p);
    v.participants.push_back(p.participant);
    v.arms.push_back(p.arm);
    v.covariates.push_back(p.covariates);
  }
  for (const ParticipantMeasures* p : kept)
    for (const std::string& session : {design.pre_session, design.post_session})
      add_columns(p->sessions.at(session), design, v.columns);

  const auto n = static_cast<Eigen::Index>(kept.size());
  const auto m = static_cast<Eigen::Index>(v.columns.size());
  v.pre.resize(n, m);
  v.post.resize(n, m);
  for (Eigen::Index i = 0; i < n; ++i) {
    const ParticipantMeasures& p = *kept[static_cast<std::size_t>(i)];
    const ValueLookup pre(p.sessions.at(design.pre_session));
    const ValueLookup post(p.sessions.at(design.post_session));
    for (Eigen::Index j = 0; j < m; ++j) {
      const RoiMeasure& key = v.columns[static_cast<std::size_t>(j)];
      std::string why_pre, why_post;
      v.pre(i, j) = pre.value(key, why_pre);
      v.post(i, j) = post.value(key, why_post);
      if (!why_pre.empty())
        v.exclusions.push_back(
            {p.participant, p.arm, design.pre_session, key.roi, key.measure, why_pre});
      if (!why_post.empty())
        v.exclusions.push_back(
            {p.participant, p.arm, design.post_session, key.roi, key.measure, why_post});
    }
  }
  return v;
}

}  // namespace acuroi::group
