// The error type of the stats module: bad input data for a statistic (too few participants,
// a constant outcome, a missing covariate, a singular design). It is a core::InputError, so the
// pipeline maps it to the input-error exit code; the message names the data, the field and value.
//
//   throw StatsError("ROI ACC, measure alff, arm 'sham'", "change", "n = 1",
//                    "an arm needs at least 2 participants");
//   // -> "ROI ACC, measure alff, arm 'sham': change = n = 1: an arm needs at least 2 participants"
#pragma once
#include "acuroi/core/error.hpp"

#include <string>

namespace acuroi::stats {

class StatsError : public core::InputError {
 public:
  // subject: what data the statistic was computed on ("ROI ACC, measure alff, arm 'sham'").
  StatsError(std::string subject, std::string field, std::string value, const std::string& problem)
      : core::InputError(std::move(subject), std::move(field), std::move(value), problem) {}
  explicit StatsError(const std::string& message) : core::InputError(message) {}
};

// Runs `body`; a StatsError escaping it gains `context` in front of its message (same type).
template <class Body>
auto with_context(const std::string& context, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const StatsError& e) {
    throw StatsError(context + ": " + e.what());
  }
}

}  // namespace acuroi::stats
