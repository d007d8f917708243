#include "schema_emit.hpp"

#include <algorithm>
#include <sstream>

namespace acuroi::config::detail {

namespace {
std::string pad(int indent) { return std::string(static_cast<std::size_t>(indent), ' '); }

std::string field_summary(const FieldSpec& field) {
  std::string text = field.type_name;
  if (field.required) text += "; REQUIRED";
  for (const auto& c : field.constraints) text += "; " + c;
  return field.doc + " (" + text + ")";
}

bool has_set_value(const RecordSchema& schema, const void* record, const std::string& section) {
  for (const auto& f : schema.fields())
    if (f.key.rfind(section + ".", 0) == 0 && !f.is_default(record)) return true;
  return false;
}

// Comment lines describing the keys of the items of a list of records.
void document_items(const RecordSchema& items, const std::string& p, std::string& out) {
  out += p + "# Each item is a map with these keys:\n";
  for (const auto& e : items.order()) {
    if (e.is_section) {
      const auto& s = items.sections()[e.index];
      out += p + "#   " + s.key + ": " + s.doc + (s.optional ? " (optional section)" : "") + "\n";
    } else {
      const auto& f = items.fields()[e.index];
      out += p + "#   " + f.key + ": " + field_summary(f) + "\n";
    }
  }
}

class Printer {
 public:
  explicit Printer(EmitStyle style) : style_(style) {}

  void children(const RecordSchema& schema, const void* record, const std::string& parent,
                int indent, std::string& out) const {
    for (const auto& e : schema.order()) {
      const std::string& key =
          e.is_section ? schema.sections()[e.index].key : schema.fields()[e.index].key;
      if (parent_key(key) != parent) continue;
      if (e.is_section)
        section(schema, record, schema.sections()[e.index], indent, out);
      else
        field(schema.fields()[e.index], record, indent, out);
    }
  }

 private:
  void section(const RecordSchema& schema, const void* record, const SectionSpec& s, int indent,
               std::string& out) const {
    if (style_ == EmitStyle::non_default && s.optional && !has_set_value(schema, record, s.key))
      return;
    std::string inner;
    children(schema, record, s.key, indent + 2, inner);
    if (style_ == EmitStyle::non_default && inner.empty()) return;
    if (style_ == EmitStyle::documented) {
      if (indent == 0) out += "\n";
      if (!s.doc.empty()) out += pad(indent) + "# " + s.doc + "\n";
    }
    out += pad(indent) + last_key(s.key) + ":\n" + inner;
  }

  void field(const FieldSpec& f, const void* record, int indent, std::string& out) const {
    if (style_ == EmitStyle::non_default && !f.required && f.is_default(record)) return;
    const std::string p = pad(indent);
    if (style_ == EmitStyle::documented) {
      out += p + "# " + field_summary(f) + "\n";
      if (f.item_schema) document_items(*f.item_schema, p, out);
      for (const auto& note : f.notes) out += p + "# " + note + "\n";
    }
    const std::string name = last_key(f.key);
    if (!f.item_schema) {
      const bool example = style_ == EmitStyle::documented && f.required;
      out += p + name + ": " + (example ? f.example : f.inline_text(record)) + "\n";
      return;
    }
    const std::size_t count = f.item_count(record);
    if (count == 0) {
      out += p + name + ": []\n";
      return;
    }
    out += p + name + ":\n";
    for (std::size_t i = 0; i < count; ++i)
      item(*f.item_schema, f.item_at(record, i), indent + 2, out);
  }

  // One list item: its keys at column 0, then shifted under "- ".
  void item(const RecordSchema& schema, const void* record, int indent, std::string& out) const {
    std::string text;
    Printer(EmitStyle::non_default).children(schema, record, "", 0, text);
    std::istringstream lines(text);
    std::string line;
    for (bool first = true; std::getline(lines, line); first = false)
      out += pad(indent) + (first ? "- " : "  ") + line + "\n";
    if (text.empty()) out += pad(indent) + "- {}\n";
  }

  EmitStyle style_;
};
}  // namespace

std::string emit_section(const RecordSchema& schema, const void* record, const std::string& section,
                         EmitStyle style) {
  const int indent = static_cast<int>(2 * std::count(section.begin(), section.end(), '.'));
  std::string inner;
  Printer(style).children(schema, record, section, indent + 2, inner);
  return pad(indent) + last_key(section) + ":\n" + inner;
}

std::string emit_record(const RecordSchema& schema, const void* record, EmitStyle style) {
  std::string out;
  Printer(style).children(schema, record, "", 0, out);
  return out;
}

}  // namespace acuroi::config::detail
