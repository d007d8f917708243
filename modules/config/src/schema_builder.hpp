// Declaring a schema from member pointers: each key is declared once, with its default, its
// constraints and a one-line doc, and bound to the member it fills.
//
//   Section<Config, Config> root(schema, "", [](Config& c) -> Config& { return c; });
//   auto rois = root.section("rois", &Config::rois, "regions of interest");
//   rois.field("min_coverage", &RoiSettings::min_coverage, 0.5, "fraction ...").range(0.0, 1.0);
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <type_traits>
#include <utility>
#include <vector>

#include "schema.hpp"
#include "schema_parse.hpp"
#include "value_codecs.hpp"
#include "yaml_scalars.hpp"

namespace acuroi::config::detail {

// The YAML spellings of an enumeration's values, in documentation order.
template <class E>
using EnumNames = std::vector<std::pair<std::string, E>>;

template <class T>
struct ElementOf {
  using type = T;
};
template <class X>
struct ElementOf<std::vector<X>> {
  using type = X;
};
template <class T>
inline constexpr bool kIsList = !std::is_same_v<typename ElementOf<T>::type, T>;

template <class E>
std::string enum_name(const EnumNames<E>& names, E value) {
  for (const auto& [name, v] : names)
    if (v == value) return name;
  return "?";
}

template <class E>
std::string enum_choices(const EnumNames<E>& names, const char* separator) {
  std::string text;
  for (const auto& [name, v] : names) text += (text.empty() ? "" : separator) + name;
  return text;
}

// The typed part of a field declaration, shared by its parse/print functions.
template <class Record, class T>
struct FieldState {
  using Element = typename ElementOf<T>::type;
  T default_value{};
  EnumNames<T> names;  // enumerations only
  std::function<void(T&)> normalize;
  std::vector<std::function<std::string(const T&)>> checks;  // "" = fine
  std::vector<std::function<std::string(const Element&)>> element_checks;
  std::function<std::filesystem::path(const Record&)> base;  // paths; empty = file's folder
  std::vector<std::pair<std::string, std::filesystem::path>> aliases;  // paths

  T read(const YAML::Node& node, const Site& site) const {
    if constexpr (std::is_enum_v<T>) {
      const std::string& text = scalar_or_fail(node, site, "one of: " + enum_choices(names, ", "));
      for (const auto& [name, value] : names)
        if (name == text) return value;
      fail(site, text, "not an allowed value, expected one of: " + enum_choices(names, ", "));
    } else {
      return Codec<T>::parse(node, site);
    }
  }
  std::string text(const T& value) const {
    if constexpr (std::is_enum_v<T>)
      return enum_name(names, value);
    else
      return Codec<T>::text(value);
  }
};

template <class Record, class T>
class Field {
 public:
  using State = FieldState<Record, T>;
  using Element = typename State::Element;

  Field(RecordSchema& schema, std::size_t index, std::shared_ptr<State> state)
      : schema_(&schema), index_(index), state_(std::move(state)) {}

  // Numbers: lo <= value <= hi.
  Field& range(double lo, double hi) {
    const std::string text = "in [" + format_number(lo) + ", " + format_number(hi) + "]";
    return check(text, [lo, hi, text](const T& v) {
      return v >= lo && v <= hi ? std::string() : "out of range, must be " + text;
    });
  }
  // Numbers: value > lo.
  Field& greater_than(double lo) {
    const std::string text = "> " + format_number(lo);
    return check(text, [lo, text](const T& v) {
      return v > lo ? std::string() : "out of range, must be " + text;
    });
  }
  // Strings: one of `allowed`.
  Field& one_of(const std::vector<std::string>& allowed) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return check("one of: " + list, [allowed, list](const T& v) {
      for (const auto& a : allowed)
        if (v == a) return std::string();
      return "not an allowed value, expected one of: " + list;
    });
  }
  // Lists: between min and max items.
  Field& items(std::size_t min, std::size_t max) {
    const std::string text = min == max
                                 ? std::to_string(min) + " items"
                                 : std::to_string(min) + " to " + std::to_string(max) + " items";
    return check(text, [min, max, text](const T& v) {
      return v.size() >= min && v.size() <= max ? std::string() : "expected " + text;
    });
  }
  Field& unique_items() {
    return check("no repeats", [](const T& v) {
      std::set<Element> seen;
      for (const auto& e : v)
        if (!seen.insert(e).second) return "repeated item '" + Codec<Element>::text(e) + "'";
      return std::string();
    });
  }
  // Required: the defaults print shows `example`.
  Field& require(const std::string& example) {
    spec().required = true;
    spec().example = example;
    return *this;
  }
  // Required keys: not required when the config writes the top-level section `section`.
  Field& unless_section(const std::string& section) {
    spec().waived_by = section;
    return *this;
  }
  // A check on the whole value; `problem` returns "" when the value is fine.
  Field& check(const std::string& constraint, std::function<std::string(const T&)> problem) {
    if (!constraint.empty()) spec().constraints.push_back(constraint);
    state_->checks.push_back(std::move(problem));
    return *this;
  }
  // Lists: a check on each item (the error points at the item).
  Field& each(const std::string& constraint, std::function<std::string(const Element&)> problem) {
    static_assert(kIsList<T>, "each() is for lists");
    if (!constraint.empty()) spec().constraints.push_back("each " + constraint);
    state_->element_checks.push_back(std::move(problem));
    return *this;
  }
  // Applied to the value as read, before the checks (e.g. strip a "sub-" prefix).
  Field& normalize(std::function<void(T&)> fn) {
    state_->normalize = std::move(fn);
    return *this;
  }
  // Paths: relative to another resolved path of the record instead of the file's folder.
  Field& relative_to(const std::string& what,
                     std::function<std::filesystem::path(const Record&)> base) {
    state_->base = std::move(base);
    for (auto& c : spec().constraints)
      if (c.rfind("relative to ", 0) == 0) c = "relative to " + what;
    return *this;
  }
  // Paths: a word standing for a fixed path ("aal").
  Field& alias(const std::string& word, std::filesystem::path target) {
    state_->aliases.emplace_back(word, std::move(target));
    spec().constraints.push_back("'" + word + "' = " + state_->aliases.back().second.string());
    return *this;
  }
  // An extra comment line in the defaults print.
  Field& note(std::string line) {
    spec().notes.push_back(std::move(line));
    return *this;
  }

 private:
  FieldSpec& spec() { return schema_->field(index_); }
  RecordSchema* schema_;
  std::size_t index_;
  std::shared_ptr<State> state_;
};

template <class Record, class T>
void run_checks(const FieldState<Record, T>& state, const T& value, const YAML::Node& node,
                const Site& site) {
  if constexpr (kIsList<T>) {
    for (std::size_t i = 0; i < value.size(); ++i)
      for (const auto& check : state.element_checks)
        if (const std::string problem = check(value[i]); !problem.empty())
          fail(child_site(site, "[" + std::to_string(i) + "]", node[i]), value_text(node[i]),
               problem);
  }
  for (const auto& check : state.checks)
    if (const std::string problem = check(value); !problem.empty())
      fail(site, value_text(node), problem);
}

template <class Record, class Part>
class Section {
 public:
  using Access = std::function<Part&(Record&)>;

  Section(RecordSchema& schema, std::string prefix, Access access)
      : schema_(&schema), prefix_(std::move(prefix)), access_(std::move(access)) {}

  // A nested map `key:` bound to a member struct. An optional section's required keys are
  // required only when it is written.
  template <class Sub>
  Section<Record, Sub> section(const std::string& key, Sub Part::*member, const std::string& doc,
                               bool optional = false) {
    schema_->add_section({prefix_ + key, doc, optional});
    Access access = access_;
    return Section<Record, Sub>(*schema_, prefix_ + key + ".",
                                [access, member](Record& r) -> Sub& { return access(r).*member; });
  }

  template <class T>
  Field<Record, T> field(const std::string& key, T Part::*member,
                         std::type_identity_t<T> default_value, const std::string& doc) {
    auto state = std::make_shared<FieldState<Record, T>>();
    state->default_value = std::move(default_value);
    FieldSpec spec = value_spec(key, member, state, doc);
    if constexpr (std::is_same_v<T, std::filesystem::path>) {
      spec.constraints.push_back("relative to this file's folder");
      spec.resolve = [get = getter(member), state](void* r, const ParseContext& context) {
        Record& record = *static_cast<Record*>(r);
        const auto base = state->base ? state->base(record) : context.base_dir;
        get(record) = resolve_path(get(record), base, state->aliases);
      };
    }
    return Field<Record, T>(*schema_, schema_->add_field(std::move(spec)), state);
  }

  template <class E>
  Field<Record, E> choice(const std::string& key, E Part::*member, E default_value,
                          EnumNames<E> names, const std::string& doc) {
    auto state = std::make_shared<FieldState<Record, E>>();
    state->default_value = default_value;
    state->names = std::move(names);
    FieldSpec spec = value_spec(key, member, state, doc);
    spec.type_name = "choice";
    spec.constraints.push_back("one of: " + enum_choices(state->names, " | "));
    return Field<Record, E>(*schema_, schema_->add_field(std::move(spec)), state);
  }

  template <class Item>
  Field<Record, std::vector<Item>> records(const std::string& key, std::vector<Item> Part::*member,
                                           const RecordSchema& item_schema, const std::string& doc);

  // A check of the whole record, run after every key is read and every path resolved.
  void check(std::function<void(Record&, const RecordSite&)> fn) {
    schema_->add_check([fn = std::move(fn)](void* r, const RecordSite& site) {
      fn(*static_cast<Record*>(r), site);
    });
  }

 private:
  template <class T>
  std::function<T&(Record&)> getter(T Part::*member) const {
    return [access = access_, member](Record& r) -> T& { return access(r).*member; };
  }

  template <class T>
  FieldSpec value_spec(const std::string& key, T Part::*member,
                       std::shared_ptr<FieldState<Record, T>> state, const std::string& doc) {
    const auto get = getter(member);
    auto cget = [get](const void* r) -> const T& {
      return get(*const_cast<Record*>(static_cast<const Record*>(r)));
    };
    FieldSpec spec;
    spec.key = prefix_ + key;
    spec.doc = doc;
    if constexpr (!std::is_enum_v<T>) spec.type_name = Codec<T>::type_name;
    spec.set_default = [get, state](void* r) {
      get(*static_cast<Record*>(r)) = state->default_value;
    };
    spec.parse = [get, state](void* r, const YAML::Node& node, const Site& site) {
      T value = state->read(node, site);
      if (state->normalize) state->normalize(value);
      run_checks(*state, value, node, site);
      get(*static_cast<Record*>(r)) = std::move(value);
    };
    spec.is_default = [cget, state](const void* r) { return cget(r) == state->default_value; };
    spec.inline_text = [cget, state](const void* r) { return state->text(cget(r)); };
    spec.default_text = [state](const void*) { return state->text(state->default_value); };
    return spec;
  }

  RecordSchema* schema_;
  std::string prefix_;
  Access access_;
};

template <class Record, class Part>
template <class Item>
Field<Record, std::vector<Item>> Section<Record, Part>::records(const std::string& key,
                                                                std::vector<Item> Part::*member,
                                                                const RecordSchema& item_schema,
                                                                const std::string& doc) {
  using List = std::vector<Item>;
  auto state = std::make_shared<FieldState<Record, List>>();
  const auto get = getter(member);
  auto cget = [get](const void* r) -> const List& {
    return get(*const_cast<Record*>(static_cast<const Record*>(r)));
  };
  FieldSpec spec;
  spec.key = prefix_ + key;
  spec.doc = doc;
  spec.type_name = "list of records";
  spec.item_schema = &item_schema;
  spec.set_default = [get](void* r) { get(*static_cast<Record*>(r)).clear(); };
  spec.parse = [get, state, &item_schema](void* r, const YAML::Node& node, const Site& site) {
    List items;
    if (!node.IsNull() && !node.IsSequence())
      fail(site, value_text(node), "expected a list of records");
    for (std::size_t i = 0; !node.IsNull() && i < node.size(); ++i) {
      const std::string index = "[" + std::to_string(i) + "]";
      const Site item_site = child_site(site, index, node[i]);
      if (!node[i].IsMap()) fail(item_site, value_text(node[i]), "expected a record (a map)");
      Item item;
      parse_record(item_schema, &item, node[i], *site.context, item_site.key + ".", node[i].Mark());
      items.push_back(std::move(item));
    }
    run_checks(*state, items, node, site);
    get(*static_cast<Record*>(r)) = std::move(items);
  };
  spec.is_default = [cget](const void* r) { return cget(r).empty(); };
  spec.default_text = [](const void*) { return std::string("[]"); };
  spec.item_count = [cget](const void* r) { return cget(r).size(); };
  spec.item_at = [cget](const void* r, std::size_t i) -> const void* { return &cget(r)[i]; };
  return Field<Record, List>(*schema_, schema_->add_field(std::move(spec)), state);
}

}  // namespace acuroi::config::detail
