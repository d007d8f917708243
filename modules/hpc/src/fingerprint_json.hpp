// Fingerprints as JSON, for the markers (private to hpc).
#pragma once
#include <nlohmann/json.hpp>

#include "acuroi/hpc/fingerprint.hpp"

namespace acuroi::hpc::detail {

nlohmann::ordered_json fingerprint_json(const Fingerprint& f);
// Throws nlohmann::json::exception for a malformed object.
Fingerprint fingerprint_from_json(const nlohmann::json& j);

}  // namespace acuroi::hpc::detail
