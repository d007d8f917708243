// Printing a record through its RecordSchema as block YAML, in declaration order.
//
//   documented:   every key, each preceded by "# doc (type; constraints)"; required keys show
//                 their example; lists of records also document their items' keys.
//   all keys:     every key, no comments (the resolved config).
//   non-default:  only keys whose value differs from the default, plus required ones, and optional
//                 sections only when something in them is set (items of a list of records).
//
//   std::string text = emit_record(config_schema(), &config, EmitStyle::all_keys);
#pragma once
#include <string>

#include "schema.hpp"

namespace acuroi::config::detail {

enum class EmitStyle { documented, all_keys, non_default };

std::string emit_record(const RecordSchema& schema, const void* record, EmitStyle style);

// One section with its keys ("rois:\n  atlas: ...\n"), `section` being its dotted key.
std::string emit_section(const RecordSchema& schema, const void* record, const std::string& section,
                         EmitStyle style);

}  // namespace acuroi::config::detail
