// JSON files (BIDS sidecars, provenance): read with clear errors, written atomically.
//
// The JSON type is nlohmann::json, exposed on purpose (a well-kept header-only library that every
// module writing sidecars would need anyway); `io::Json` is an alias for it. Objects written with
// nlohmann::json have their keys sorted (deterministic output); nlohmann::ordered_json keeps
// insertion order — both are accepted by write_json_atomically.
//
// JSON has no NaN or infinity: a non-finite number is written as `null` (nlohmann's behaviour,
// relied on here and tested). Read `null` back as "missing". Strings that are not valid UTF-8 are
// written with U+FFFD replacing the bad bytes instead of failing.
//
//   Json sidecar = read_json("sub-01_task-rest_desc-preproc_bold.json");
//   std::optional<double> tr = optional_number(sidecar, "RepetitionTime", path);
//   write_json_atomically("dataset_description.json", Json{{"Name", "acuroi"}});
#pragma once
#include <filesystem>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace acuroi::io {

using Json = nlohmann::json;

// Parses a JSON file. A file that cannot be opened or is not valid JSON throws core::InputError
// naming the file and, for a parse error, the line, column and byte offset of the problem.
Json read_json(const std::filesystem::path& path);
// The same from text in memory; `source` names it in error messages.
Json parse_json(std::string_view text, const std::string& source);

// Writes `value` followed by a newline to `path` atomically (core::AtomicFile).
// indent < 0 writes everything on one line.
void write_json_atomically(const std::filesystem::path& path, const nlohmann::json& value,
                           int indent = 2);
void write_json_atomically(const std::filesystem::path& path, const nlohmann::ordered_json& value,
                           int indent = 2);

// The number stored under `key` of the object `object`: nullopt when the key is absent or null;
// core::InputError naming `source`, the key and the value when it is present but not a number
// (or `object` is not an object).
std::optional<double> optional_number(const Json& object, std::string_view key,
                                      const std::filesystem::path& source);

}  // namespace acuroi::io
