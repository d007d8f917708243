// The creation time written into acuroi's outputs, as ISO 8601 UTC ("2026-11-21T17:40:00Z").
// Honours SOURCE_DATE_EPOCH (reproducible-builds.org): when the variable holds a number of
// seconds since 1970, that time is used instead of the clock, so two runs on the same inputs give
// byte-identical files (used by the kill-and-resume tests).
//
//   provenance.created_utc = core::utc_timestamp();
#pragma once
#include <string>

namespace acuroi::core {

std::string utc_timestamp();

}  // namespace acuroi::core
