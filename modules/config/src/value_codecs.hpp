// How each C++ value type reads from and writes to YAML: Codec<T>::parse (strict; errors name the
// key and value), Codec<T>::text (flow YAML that reads back to the same value) and a type name
// for docs. Enumerations use EnumNames (see schema_builder.hpp) instead.
//
//   double x = Codec<double>::parse(node, site);       // "high" -> "... = 'high': expected a
//   number" std::string t = Codec<std::vector<double>>::text({0, -52, 26});   // "[0.0,
//   -52.0, 26.0]"
#pragma once
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "acuroi/config/roi_settings.hpp"
#include "schema.hpp"

namespace acuroi::config::detail {

template <class T>
struct Codec;

#define ACUROI_CONFIG_CODEC(Type, Name)                          \
  template <>                                                    \
  struct Codec<Type> {                                           \
    static constexpr const char* type_name = Name;               \
    static Type parse(const YAML::Node& node, const Site& site); \
    static std::string text(const Type& value);                  \
  }

ACUROI_CONFIG_CODEC(bool, "true/false");
ACUROI_CONFIG_CODEC(int, "integer");
ACUROI_CONFIG_CODEC(double, "number");
ACUROI_CONFIG_CODEC(std::string, "string");
ACUROI_CONFIG_CODEC(std::filesystem::path, "path");
ACUROI_CONFIG_CODEC(std::vector<std::string>, "list of strings");
ACUROI_CONFIG_CODEC(std::vector<double>, "list of numbers");
using Point3 = std::array<double, 3>;
ACUROI_CONFIG_CODEC(Point3, "list of 3 numbers");
using StringMap = std::map<std::string, std::string>;
ACUROI_CONFIG_CODEC(StringMap, "map of strings");
ACUROI_CONFIG_CODEC(RegionLabels, "list of label names or integer values");

#undef ACUROI_CONFIG_CODEC

// The scalar text of `node`, or a failure "expected <expectation>" for lists, maps and nothing.
const std::string& scalar_or_fail(const YAML::Node& node, const Site& site,
                                  const std::string& expectation);

}  // namespace acuroi::config::detail

namespace acuroi::config::detail {

// A path as written made absolute: "" stays empty (not set); an alias word ("aal") becomes its
// target; a relative path is taken relative to `base`. Lexically normalised, no trailing '/'.
// No file system access.
std::filesystem::path resolve_path(
    const std::filesystem::path& written, const std::filesystem::path& base,
    const std::vector<std::pair<std::string, std::filesystem::path>>& aliases);

}  // namespace acuroi::config::detail
