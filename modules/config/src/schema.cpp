#include "schema.hpp"

#include "acuroi/core/error.hpp"

namespace acuroi::config::detail {

void fail(const Site& site, const std::string& value, const std::string& problem) {
  const bool has_mark = !site.mark.is_null();
  throw core::ConfigError(site.context ? site.context->file : std::string(),
                          has_mark ? site.mark.line + 1 : 0, has_mark ? site.mark.column + 1 : 0,
                          site.key, value, problem);
}

std::string value_text(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "";
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  std::string text = out.c_str();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

Site child_site(const Site& parent, const std::string& suffix, const YAML::Node& node) {
  Site site{parent.context, parent.key + suffix, parent.mark};
  if (node.IsDefined() && !node.IsNull() && !node.Mark().is_null()) site.mark = node.Mark();
  return site;
}

Site RecordSite::at(const std::string& relative_key) const {
  Site site{context, prefix + relative_key, mark};
  const auto it = present->find(relative_key);
  if (it != present->end()) site.mark = it->second.value_mark;
  return site;
}

std::size_t RecordSchema::add_section(SectionSpec section) {
  sections_.push_back(std::move(section));
  order_.push_back({true, sections_.size() - 1});
  return sections_.size() - 1;
}

std::size_t RecordSchema::add_field(FieldSpec field) {
  fields_.push_back(std::move(field));
  order_.push_back({false, fields_.size() - 1});
  return fields_.size() - 1;
}

const FieldSpec* RecordSchema::find_field(std::string_view key) const {
  for (const auto& f : fields_)
    if (f.key == key) return &f;
  return nullptr;
}

const SectionSpec* RecordSchema::find_section(std::string_view key) const {
  for (const auto& s : sections_)
    if (s.key == key) return &s;
  return nullptr;
}

std::vector<std::string> RecordSchema::child_names(std::string_view parent) const {
  std::vector<std::string> names;
  for (const auto& e : order_) {
    const std::string& key = e.is_section ? sections_[e.index].key : fields_[e.index].key;
    if (parent_key(key) == parent) names.push_back(last_key(key));
  }
  return names;
}

std::vector<std::string> RecordSchema::all_keys() const {
  std::vector<std::string> keys;
  for (const auto& e : order_)
    keys.push_back(e.is_section ? sections_[e.index].key : fields_[e.index].key);
  return keys;
}

std::string parent_key(std::string_view key) {
  const auto dot = key.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(key.substr(0, dot));
}

std::string last_key(std::string_view key) {
  const auto dot = key.rfind('.');
  return std::string(dot == std::string_view::npos ? key : key.substr(dot + 1));
}

}  // namespace acuroi::config::detail
