// The declared schema of a YAML record, untyped: sections (nested maps) and fields (leaves),
// each with its dotted key, type, doc and constraints, and the functions that parse, resolve,
// compare and print the value inside a record (a Config, a RegionSpec, ...) seen as void*.
// schema_builder.hpp builds these from member pointers; schema_parse.cpp and schema_emit.cpp
// walk them. Private to the config module (it speaks yaml-cpp).
//
//   RecordSchema s;  Section<Config, Config> root(s, "", identity);   // see schema_builder.hpp
//   parse_record(s, &config, document, context, "", document.Mark());
#pragma once
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace acuroi::config::detail {

// The file being read: its name in messages and the folder relative paths are relative to.
struct ParseContext {
  std::string file;                // as shown in messages ("" = unnamed text)
  std::filesystem::path base_dir;  // absolute
};

// Where a value sits, for error messages: the full dotted key and the YAML position.
struct Site {
  const ParseContext* context = nullptr;
  std::string key;  // e.g. "rois.regions[2].sphere.radius_mm"
  YAML::Mark mark;  // 0-based in yaml-cpp; messages print it 1-based
};

// Throws core::ConfigError "<file>:<line>:<col>: <key> = '<value>': <problem>".
[[noreturn]] void fail(const Site& site, const std::string& value, const std::string& problem);

// A node as text for messages: a scalar's text, else its compact flow form (shortened).
std::string value_text(const YAML::Node& node);

// The site of an element or sub-key: key + suffix, at the node's position (or the parent's when
// the node has none, as for an empty value).
Site child_site(const Site& parent, const std::string& suffix, const YAML::Node& node);

// Keys written in a document (relative dotted keys), with the positions of key and value.
struct Seen {
  YAML::Mark key_mark;
  YAML::Mark value_mark;
};
using Presence = std::map<std::string, Seen>;

// What a record check sees besides the record: where it was and which keys were written.
struct RecordSite {
  const ParseContext* context = nullptr;
  std::string prefix;  // "" for a whole file, "rois.regions[2]." for a list item
  YAML::Mark mark;     // the record's own position
  const Presence* present = nullptr;

  bool has(const std::string& relative_key) const { return present->count(relative_key) > 0; }
  // The site of a key: its value's position when written, else the record's.
  Site at(const std::string& relative_key) const;
};

class RecordSchema;

struct FieldSpec {
  std::string key;                       // dotted, relative to the record
  std::string type_name;                 // "number", "list of strings", ...
  std::string doc;                       // one line
  std::vector<std::string> constraints;  // "in [0, 1]", "one of: mean | median", ...
  std::vector<std::string> notes;        // extra comment lines in the defaults print
  bool required = false;
  std::string waived_by;  // a top-level section whose presence makes a required key optional
  std::string example;                        // YAML text printed for a required key
  const RecordSchema* item_schema = nullptr;  // lists of records

  std::function<void(void*)> set_default;
  std::function<void(void*, const YAML::Node&, const Site&)> parse;
  std::function<void(void*, const ParseContext&)> resolve;  // after all keys; may be empty
  std::function<bool(const void*)> is_default;
  std::function<std::string(const void*)> inline_text;   // empty for lists of records
  std::function<std::string(const void*)> default_text;  // the declared default as YAML
  std::function<std::size_t(const void*)> item_count;    // lists of records
  std::function<const void*(const void*, std::size_t)> item_at;
};

struct SectionSpec {
  std::string key;  // dotted, relative to the record
  std::string doc;
  bool optional = false;  // its required keys are required only when the section is written
};

using RecordCheck = std::function<void(void*, const RecordSite&)>;

class RecordSchema {
 public:
  struct Entry {
    bool is_section = false;
    std::size_t index = 0;
  };

  std::size_t add_section(SectionSpec section);
  std::size_t add_field(FieldSpec field);
  void add_check(RecordCheck check) { checks_.push_back(std::move(check)); }
  FieldSpec& field(std::size_t index) { return fields_[index]; }

  const std::vector<SectionSpec>& sections() const { return sections_; }
  const std::vector<FieldSpec>& fields() const { return fields_; }
  const std::vector<Entry>& order() const { return order_; }
  const std::vector<RecordCheck>& checks() const { return checks_; }

  const FieldSpec* find_field(std::string_view key) const;
  const SectionSpec* find_section(std::string_view key) const;
  // Names (last components) of the direct children of `parent` ("" = top), in declaration order.
  std::vector<std::string> child_names(std::string_view parent) const;
  // Every dotted key of fields and sections.
  std::vector<std::string> all_keys() const;

 private:
  std::vector<SectionSpec> sections_;
  std::vector<FieldSpec> fields_;
  std::vector<Entry> order_;
  std::vector<RecordCheck> checks_;
};

// "a.b.c" -> "a.b"; "a" -> "".
std::string parent_key(std::string_view key);
// "a.b.c" -> "c".
std::string last_key(std::string_view key);

}  // namespace acuroi::config::detail
