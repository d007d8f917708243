#include "fingerprint_json.hpp"

namespace acuroi::hpc::detail {

nlohmann::ordered_json fingerprint_json(const Fingerprint& f) {
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const auto& s : f.inputs)
    inputs.push_back({{"role", s.role}, {"path", s.path.string()}, {"size", s.size}, {"mtime_ns", s.mtime_ns}});
  return {{"config_sections_sha256", f.section_sha256},
          {"regions_sha256", f.regions_sha256},
          {"participant_row", f.participant_row},
          {"acuroi_version", f.acuroi_version},
          {"inputs", inputs}};
}

Fingerprint fingerprint_from_json(const nlohmann::json& j) {
  Fingerprint f;
  f.section_sha256 = j.at("config_sections_sha256").get<std::map<std::string, std::string>>();
  f.regions_sha256 = j.at("regions_sha256").get<std::string>();
  f.participant_row = j.at("participant_row").get<std::map<std::string, std::string>>();
  f.acuroi_version = j.at("acuroi_version").get<std::string>();
  for (const auto& s : j.at("inputs"))
    f.inputs.push_back({s.at("role").get<std::string>(), s.at("path").get<std::string>(),
                        s.at("size").get<std::int64_t>(), s.at("mtime_ns").get<std::int64_t>()});
  return f;
}

}  // namespace acuroi::hpc::detail
