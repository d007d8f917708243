// Parsing and formatting BIDS-style file names.
#include "acuroi/io/bids_name.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace acuroi::io {

namespace {

// BIDS entity order (specification appendix "Entity table"), plus fMRIPrep's cohort/from/to/mode.
constexpr std::array<std::string_view, 35> kEntityOrder = {
    "sub",   "ses",       "sample", "task", "tracksys", "acq", "nuc",   "voi",   "ce",
    "trc",   "stain",     "rec",    "dir",  "run",      "mod", "echo",  "flip",  "inv",
    "mt",    "part",      "proc",   "hemi", "from",     "to",  "mode",  "space", "cohort",
    "split", "recording", "chunk",  "seg",  "res",      "den", "label", "desc"};

std::size_t order_of(std::string_view key) {
  const auto it = std::find(kEntityOrder.begin(), kEntityOrder.end(), key);
  return static_cast<std::size_t>(it - kEntityOrder.begin());  // unknown keys: size(), i.e. last
}

bool is_alphanumeric(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c); });
}

bool is_valid_value(std::string_view s) {
  return !s.empty() && s.find_first_of("-_./") == std::string_view::npos;
}

// The named field for `key`, or nullptr.
template <class Name>
auto* named_field(Name& name, std::string_view key) {
  if (key == "sub") return &name.sub;
  if (key == "ses") return &name.ses;
  if (key == "task") return &name.task;
  if (key == "acq") return &name.acq;
  if (key == "run") return &name.run;
  if (key == "space") return &name.space;
  if (key == "res") return &name.res;
  if (key == "label") return &name.label;
  if (key == "desc") return &name.desc;
  return static_cast<decltype(&name.sub)>(nullptr);
}

}  // namespace

std::string BidsName::entity(std::string_view key) const {
  if (const std::string* field = named_field(*this, key)) return *field;
  for (const auto& e : other_entities)
    if (e.key == key) return e.value;
  return {};
}

void BidsName::set_entity(std::string_view key, std::string value) {
  if (std::string* field = named_field(*this, key)) {
    *field = std::move(value);
    return;
  }
  const auto it = std::find_if(other_entities.begin(), other_entities.end(),
                               [&](const BidsEntity& e) { return e.key == key; });
  if (value.empty()) {
    if (it != other_entities.end()) other_entities.erase(it);
  } else if (it != other_entities.end()) {
    it->value = std::move(value);
  } else {
    other_entities.push_back({std::string(key), std::move(value)});
  }
}

std::optional<BidsName> parse_bids_name(std::string_view path_or_name) {
  std::string_view file = path_or_name;
  if (const std::size_t slash = file.rfind('/'); slash != std::string_view::npos)
    file.remove_prefix(slash + 1);
  BidsName name;
  const std::size_t dot = file.find('.');
  std::string_view stem = file.substr(0, dot);
  if (dot != std::string_view::npos) name.extension = std::string(file.substr(dot));

  std::vector<std::string> seen_keys;
  for (;;) {
    const std::size_t underscore = stem.find('_');
    const std::string_view part = stem.substr(0, underscore);
    if (underscore == std::string_view::npos) {
      if (!is_alphanumeric(part)) return std::nullopt;
      name.suffix = std::string(part);
      return name;
    }
    const std::size_t dash = part.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const std::string_view key = part.substr(0, dash), value = part.substr(dash + 1);
    if (!is_alphanumeric(key) || !is_valid_value(value)) return std::nullopt;
    if (std::find(seen_keys.begin(), seen_keys.end(), key) != seen_keys.end()) return std::nullopt;
    seen_keys.emplace_back(key);
    name.set_entity(key, std::string(value));
    stem.remove_prefix(underscore + 1);
  }
}

std::string format_bids_name(const BidsName& name) {
  std::vector<BidsEntity> entities;
  for (std::string_view key : {"sub", "ses", "task", "acq", "run", "space", "res", "label", "desc"})
    if (std::string value = name.entity(key); !value.empty())
      entities.push_back({std::string(key), std::move(value)});
  entities.insert(entities.end(), name.other_entities.begin(), name.other_entities.end());
  std::stable_sort(entities.begin(), entities.end(), [](const BidsEntity& a, const BidsEntity& b) {
    return order_of(a.key) < order_of(b.key);
  });
  std::string out;
  for (const auto& e : entities) out += e.key + "-" + e.value + "_";
  out += name.suffix;
  out += name.extension;
  return out;
}

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool digit_a = std::isdigit(static_cast<unsigned char>(a[i]));
    const bool digit_b = std::isdigit(static_cast<unsigned char>(b[j]));
    if (digit_a && digit_b) {
      std::size_t end_a = i, end_b = j;
      while (end_a < a.size() && std::isdigit(static_cast<unsigned char>(a[end_a]))) ++end_a;
      while (end_b < b.size() && std::isdigit(static_cast<unsigned char>(b[end_b]))) ++end_b;
      // Compare the digit runs by value: strip leading zeros, then longer is larger.
      std::string_view run_a = a.substr(i, end_a - i), run_b = b.substr(j, end_b - j);
      while (run_a.size() > 1 && run_a.front() == '0') run_a.remove_prefix(1);
      while (run_b.size() > 1 && run_b.front() == '0') run_b.remove_prefix(1);
      if (run_a.size() != run_b.size()) return run_a.size() < run_b.size();
      if (run_a != run_b) return run_a < run_b;
      i = end_a;
      j = end_b;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;  // equal by value ("01" vs "1"): text order keeps the order total
}

}  // namespace acuroi::io
