// Reading the long measure table (/sessions/<s>/measures/{measure, roi, value, status}) of one
// participant record.
#include <algorithm>
#include <set>

#include "acuroi/core/error.hpp"
#include "acuroi/group/study_values.hpp"

namespace acuroi::group {
namespace {

template <class T>
const std::vector<T>& column_of(const std::map<std::string, store::Array>& arrays,
                                const std::string& name, const std::string& source,
                                const std::string& session) {
  const std::string path = "/sessions/" + session + "/" + name;
  const auto it = arrays.find(name);
  if (it == arrays.end())
    throw core::InputError(source, path, "(missing)",
                           "the session has measures/value but not " + name);
  const auto* values = std::get_if<std::vector<T>>(&it->second.data);
  if (values == nullptr || it->second.shape.size() != 1)
    throw core::InputError(source, path, store::element_type_name(it->second.data),
                           "expected a 1-D dataset of the measure table");
  return *values;
}

SessionMeasures read_session(const std::map<std::string, store::Array>& arrays,
                             const std::string& source, const std::string& session) {
  const auto& measure = column_of<std::string>(arrays, "measures/measure", source, session);
  const auto& roi = column_of<std::string>(arrays, "measures/roi", source, session);
  const auto& value = column_of<double>(arrays, "measures/value", source, session);
  const std::size_t m = value.size();
  std::vector<std::string> status(m);
  if (arrays.count("measures/status"))
    status = column_of<std::string>(arrays, "measures/status", source, session);
  if (measure.size() != m || roi.size() != m || status.size() != m)
    throw core::InputError(source, "/sessions/" + session + "/measures",
                           std::to_string(measure.size()) + " measure, " +
                               std::to_string(roi.size()) + " roi, " + std::to_string(m) +
                               " value, " + std::to_string(status.size()) + " status",
                           "the measure table's arrays must have the same length");
  SessionMeasures s;
  std::set<RoiMeasure> seen;
  for (std::size_t i = 0; i < m; ++i) {
    RoiMeasure key{roi[i], measure[i]};
    if (!seen.insert(key).second)
      throw core::InputError(source, "/sessions/" + session + "/measures", key.label(),
                             "this ROI × measure appears twice in the measure table");
    s.keys.push_back(std::move(key));
    s.values.push_back(value[i]);
    s.status.push_back(status[i]);
  }
  return s;
}

}  // namespace

ParticipantMeasures participant_measures(const store::ParticipantRecord& record,
                                         const std::string& source) {
  ParticipantMeasures p;
  p.participant = record.participant_label;
  p.arm = record.arm;
  p.covariates = record.covariates;
  p.source = source;
  std::set<std::string> sessions;
  for (const auto& run : record.runs) sessions.insert(run.session);
  for (const auto& [session, arrays] : record.session_arrays) {
    sessions.insert(session);
    if (arrays.count("measures/value")) p.sessions[session] = read_session(arrays, source, session);
  }
  p.sessions_in_file.assign(sessions.begin(), sessions.end());
  return p;
}

}  // namespace acuroi::group
