// Reading a YAML map into a record through its RecordSchema: defaults first, then every written
// key (unknown keys, duplicate keys and wrong shapes are errors), then required keys, then path
// resolution in declaration order, then the record's checks in declaration order.
//
//   Config config;
//   parse_record(config_schema(), &config, document, context, "", document.Mark());
#pragma once
#include <string>

#include "schema.hpp"

namespace acuroi::config::detail {

void apply_defaults(const RecordSchema& schema, void* record);

// `prefix` is prepended to keys in messages ("rois.regions[2]." for a list item).
void parse_record(const RecordSchema& schema, void* record, const YAML::Node& map,
                  const ParseContext& context, const std::string& prefix, YAML::Mark record_mark);

}  // namespace acuroi::config::detail
