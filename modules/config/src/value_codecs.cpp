#include "value_codecs.hpp"

#include <limits>

#include "yaml_scalars.hpp"

namespace acuroi::config::detail {

namespace {
// A list node's elements; nothing (`key:`) reads as an empty list.
template <class Element, class Parse>
std::vector<Element> parse_sequence(const YAML::Node& node, const Site& site,
                                    const std::string& expectation, Parse parse_element) {
  std::vector<Element> values;
  if (node.IsNull()) return values;
  if (!node.IsSequence()) fail(site, value_text(node), "expected " + expectation);
  for (std::size_t i = 0; i < node.size(); ++i)
    values.push_back(
        parse_element(node[i], child_site(site, "[" + std::to_string(i) + "]", node[i])));
  return values;
}

template <class Element, class Text>
std::string flow_list(const std::vector<Element>& values, Text text) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + text(values[i]);
  return out + "]";
}
}  // namespace

const std::string& scalar_or_fail(const YAML::Node& node, const Site& site,
                                  const std::string& expectation) {
  if (!node.IsScalar()) fail(site, value_text(node), "expected " + expectation);
  return node.Scalar();
}

bool Codec<bool>::parse(const YAML::Node& node, const Site& site) {
  const auto& text = scalar_or_fail(node, site, "true or false");
  const auto value = parse_bool(text);
  if (!value) fail(site, text, "expected true or false");
  return *value;
}
std::string Codec<bool>::text(const bool& value) { return value ? "true" : "false"; }

int Codec<int>::parse(const YAML::Node& node, const Site& site) {
  const auto& text = scalar_or_fail(node, site, "an integer");
  const auto value = parse_integer(text);
  if (!value) fail(site, text, "expected an integer");
  if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max())
    fail(site, text, "integer too large");
  return static_cast<int>(*value);
}
std::string Codec<int>::text(const int& value) { return std::to_string(value); }

double Codec<double>::parse(const YAML::Node& node, const Site& site) {
  const auto& text = scalar_or_fail(node, site, "a number");
  const auto value = parse_real(text);
  if (!value) fail(site, text, "expected a number");
  return *value;
}
std::string Codec<double>::text(const double& value) { return format_real(value); }

std::string Codec<std::string>::parse(const YAML::Node& node, const Site& site) {
  if (node.IsNull()) return {};
  return scalar_or_fail(node, site, "a string");
}
std::string Codec<std::string>::text(const std::string& value) { return yaml_string(value); }

std::filesystem::path Codec<std::filesystem::path>::parse(const YAML::Node& node,
                                                          const Site& site) {
  if (node.IsNull()) return {};
  return std::filesystem::path(scalar_or_fail(node, site, "a path"));
}
std::string Codec<std::filesystem::path>::text(const std::filesystem::path& value) {
  return yaml_string(value.string());
}

std::vector<std::string> Codec<std::vector<std::string>>::parse(const YAML::Node& node,
                                                                const Site& site) {
  return parse_sequence<std::string>(
      node, site, "a list of strings",
      [](const YAML::Node& e, const Site& s) { return scalar_or_fail(e, s, "a string"); });
}
std::string Codec<std::vector<std::string>>::text(const std::vector<std::string>& value) {
  return flow_list(value, [](const std::string& s) { return yaml_string(s); });
}

std::vector<double> Codec<std::vector<double>>::parse(const YAML::Node& node, const Site& site) {
  return parse_sequence<double>(node, site, "a list of numbers", Codec<double>::parse);
}
std::string Codec<std::vector<double>>::text(const std::vector<double>& value) {
  return flow_list(value, format_real);
}

Point3 Codec<Point3>::parse(const YAML::Node& node, const Site& site) {
  if (!node.IsSequence() || node.size() != 3)
    fail(site, value_text(node), "expected a list of 3 numbers");
  const auto values = Codec<std::vector<double>>::parse(node, site);
  return {values[0], values[1], values[2]};
}
std::string Codec<Point3>::text(const Point3& value) {
  return flow_list(std::vector<double>(value.begin(), value.end()), format_real);
}

StringMap Codec<StringMap>::parse(const YAML::Node& node, const Site& site) {
  StringMap values;
  if (node.IsNull()) return values;
  if (!node.IsMap()) fail(site, value_text(node), "expected a map of strings");
  for (auto it = node.begin(); it != node.end(); ++it) {
    const Site key_site = child_site(site, "", it->first);
    const std::string& key = scalar_or_fail(it->first, key_site, "a string key");
    const Site value_site = child_site(site, "." + key, it->second);
    if (values.count(key)) fail(child_site(site, "." + key, it->first), "", "duplicate key");
    values[key] = Codec<std::string>::parse(it->second, value_site);
  }
  return values;
}
std::string Codec<StringMap>::text(const StringMap& value) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : value) {
    out += (first ? "" : ", ") + yaml_string(k) + ": " + yaml_string(v);
    first = false;
  }
  return out + "}";
}

RegionLabels Codec<RegionLabels>::parse(const YAML::Node& node, const Site& site) {
  RegionLabels labels;
  if (node.IsNull()) return labels;
  if (!node.IsSequence()) fail(site, value_text(node), "expected a list of label names or values");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const Site element_site = child_site(site, "[" + std::to_string(i) + "]", node[i]);
    const std::string& text = scalar_or_fail(node[i], element_site, "a label name or value");
    // A plain integer is a label value; anything else (also a quoted "31") is a name.
    const auto value = node[i].Tag() == "!" ? std::nullopt : parse_integer(text);
    if (value && (*value < 1 || *value > std::numeric_limits<std::int32_t>::max()))
      fail(element_site, text, "label values are integers from 1 to 2147483647 (0 is background)");
    if (value)
      labels.values.push_back(static_cast<std::int32_t>(*value));
    else
      labels.names.push_back(text);
  }
  return labels;
}
std::string Codec<RegionLabels>::text(const RegionLabels& value) {
  std::string out = "[";
  bool first = true;
  for (const auto& name : value.names)
    out += (first ? "" : ", ") + yaml_string(name), first = false;
  for (const auto v : value.values) out += (first ? "" : ", ") + std::to_string(v), first = false;
  return out + "]";
}

}  // namespace acuroi::config::detail

namespace acuroi::config::detail {

std::filesystem::path resolve_path(
    const std::filesystem::path& written, const std::filesystem::path& base,
    const std::vector<std::pair<std::string, std::filesystem::path>>& aliases) {
  if (written.empty()) return written;
  for (const auto& [word, target] : aliases)
    if (written.string() == word) return target;
  std::filesystem::path p = written.is_absolute() ? written : base / written;
  p = p.lexically_normal();
  std::string text = p.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace acuroi::config::detail
