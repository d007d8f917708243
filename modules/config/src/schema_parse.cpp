#include "schema_parse.hpp"

#include "suggest.hpp"

namespace acuroi::config::detail {

namespace {
std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
  return text;
}

class Walker {
 public:
  Walker(const RecordSchema& schema, void* record, const ParseContext& context,
         const std::string& prefix, Presence& present)
      : schema_(schema), record_(record), context_(context), prefix_(prefix), present_(present) {}

  // Reads the keys of `map`, which sits at dotted key `parent` ("" = the record itself).
  void walk(const YAML::Node& map, const std::string& parent, const Site& here) {
    if (map.IsNull()) return;
    if (!map.IsMap())  // (a whole document that is not a map has no key and no value to show)
      fail(here, here.key.empty() ? std::string() : value_text(map),
           "expected a map with keys: " + join(schema_.child_names(parent)));
    for (auto it = map.begin(); it != map.end(); ++it)
      read_entry(it->first, it->second, parent, here);
  }

 private:
  void read_entry(const YAML::Node& key_node, const YAML::Node& value, const std::string& parent,
                  const Site& here) {
    Site key_site{&context_, here.key, key_node.Mark()};
    if (!key_node.IsScalar()) fail(key_site, value_text(key_node), "a key must be a plain name");
    const std::string& name = key_node.Scalar();
    const std::string key = parent.empty() ? name : parent + "." + name;
    key_site.key = prefix_ + key;
    if (const auto seen = present_.find(key); seen != present_.end())
      fail(key_site, "",
           "duplicate key (first written at line " +
               std::to_string(seen->second.key_mark.line + 1) + ")");
    const bool has_value_mark = value.IsDefined() && !value.IsNull() && !value.Mark().is_null();
    const YAML::Mark value_mark = has_value_mark ? value.Mark() : key_node.Mark();
    present_[key] = {key_node.Mark(), value_mark};
    const Site value_site{&context_, prefix_ + key, value_mark};
    if (const FieldSpec* field = schema_.find_field(key)) {
      field->parse(record_, value, value_site);
    } else if (schema_.find_section(key)) {
      walk(value, key, value_site);
    } else {
      fail(key_site, "",
           unknown_key_problem(name, schema_.child_names(parent), schema_.all_keys()));
    }
  }

  const RecordSchema& schema_;
  void* record_;
  const ParseContext& context_;
  const std::string& prefix_;
  Presence& present_;
};

// Inside an optional section that was not written, required keys are not required.
bool required_here(const RecordSchema& schema, const FieldSpec& field, const Presence& present) {
  if (!field.required || present.count(field.key)) return false;
  if (!field.waived_by.empty() && present.count(field.waived_by)) return false;
  for (std::string a = parent_key(field.key); !a.empty(); a = parent_key(a)) {
    const SectionSpec* section = schema.find_section(a);
    if (section && section->optional && !present.count(a)) return false;
  }
  return true;
}

void check_required(const RecordSchema& schema, const Presence& present,
                    const ParseContext& context, const std::string& prefix,
                    YAML::Mark record_mark) {
  for (const auto& field : schema.fields()) {
    if (!required_here(schema, field, present)) continue;
    YAML::Mark mark = record_mark;  // the nearest written enclosing section, else the record
    for (std::string a = parent_key(field.key); !a.empty(); a = parent_key(a)) {
      if (const auto it = present.find(a); it != present.end()) {
        mark = it->second.key_mark;
        break;
      }
    }
    fail(Site{&context, prefix + field.key, mark}, "", "missing required key");
  }
}
}  // namespace

void apply_defaults(const RecordSchema& schema, void* record) {
  for (const auto& field : schema.fields()) field.set_default(record);
}

void parse_record(const RecordSchema& schema, void* record, const YAML::Node& map,
                  const ParseContext& context, const std::string& prefix, YAML::Mark record_mark) {
  apply_defaults(schema, record);
  Presence present;
  const std::string record_key = prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1);
  Walker(schema, record, context, prefix, present)
      .walk(map, "", Site{&context, record_key, record_mark});
  check_required(schema, present, context, prefix, record_mark);
  for (const auto& field : schema.fields())
    if (field.resolve) field.resolve(record, context);
  const RecordSite site{&context, prefix, record_mark, &present};
  for (const auto& check : schema.checks()) check(record, site);
}

}  // namespace acuroi::config::detail
