// The schema machinery on a small test-only record: every value type reads, checks, prints and
// reads back; scalars print so that YAML reads them back; edit distances for suggestions.
#include <gtest/gtest.h>

#include "acuroi/core/error.hpp"
#include "schema_builder.hpp"
#include "schema_emit.hpp"
#include "suggest.hpp"
#include "test_support.hpp"
#include "yaml_scalars.hpp"

namespace acuroi::config::detail {
namespace {

enum class Colour { red, green };

struct Inner {
  std::map<std::string, std::string> renames;
  std::vector<double> weights;
  bool operator==(const Inner&) const = default;
};

struct Sample {
  bool flag = false;
  int count = 0;
  std::string label;
  Colour colour = Colour::red;
  std::filesystem::path root, file;
  Inner inner;
  bool operator==(const Sample&) const = default;
};

const RecordSchema& sample_schema() {
  static const RecordSchema schema = [] {
    RecordSchema s;
    Section<Sample, Sample> r(s, "", [](Sample& x) -> Sample& { return x; });
    r.field("flag", &Sample::flag, true, "a flag");
    r.field("count", &Sample::count, 3, "a count").range(1, 10);
    r.field("label", &Sample::label, "x", "a label").one_of({"x", "y: z", "01"});
    r.choice("colour", &Sample::colour, Colour::green,
             {{"red", Colour::red}, {"green", Colour::green}}, "a colour");
    r.field("root", &Sample::root, "r", "a folder");
    r.field("file", &Sample::file, "f.txt", "a file").relative_to("root", [](const Sample& x) {
      return x.root;
    });
    auto inner = r.section("inner", &Sample::inner, "nested");
    inner.field("renames", &Inner::renames, {{"a", "b"}}, "a map");
    inner.field("weights", &Inner::weights, {}, "numbers").each("finite", [](const double& w) {
      return std::isfinite(w) ? std::string() : std::string("must be finite");
    });
    return s;
  }();
  return schema;
}

Sample parse_sample(const std::string& text) {
  const ParseContext context{"s.yaml", "/base"};
  const YAML::Node document = YAML::Load(text);
  Sample sample;
  parse_record(sample_schema(), &sample, document, context, "", document.Mark());
  return sample;
}

TEST(ConfigSchema, DefaultsAndEveryValueType) {
  const Sample d = parse_sample("{}");
  EXPECT_TRUE(d.flag);
  EXPECT_EQ(d.count, 3);
  EXPECT_EQ(d.colour, Colour::green);
  EXPECT_EQ(d.root, "/base/r");
  EXPECT_EQ(d.file, "/base/r/f.txt");
  EXPECT_EQ(d.inner.renames, (std::map<std::string, std::string>{{"a", "b"}}));

  const Sample s = parse_sample(
      "flag: off\ncount: +7\nlabel: 'y: z'\ncolour: red\nroot: /abs\nfile: ../g\n"
      "inner:\n  renames: {p: q, r: '01'}\n  weights: [1, -2.5e-3, .5]\n");
  EXPECT_FALSE(s.flag);
  EXPECT_EQ(s.count, 7);
  EXPECT_EQ(s.label, "y: z");
  EXPECT_EQ(s.colour, Colour::red);
  EXPECT_EQ(s.file, "/g");
  EXPECT_EQ(s.inner.renames, (std::map<std::string, std::string>{{"p", "q"}, {"r", "01"}}));
  EXPECT_EQ(s.inner.weights, (std::vector<double>{1, -2.5e-3, 0.5}));

  // Printed with every key and read back: the same record.
  const std::string text = emit_record(sample_schema(), &s, EmitStyle::all_keys);
  EXPECT_EQ(text,
            "flag: false\ncount: 7\nlabel: \"y: z\"\ncolour: red\nroot: /abs\nfile: /g\n"
            "inner:\n  renames: {p: q, r: \"01\"}\n  weights: [1.0, -0.0025, 0.5]\n");
  EXPECT_EQ(parse_sample(text), s);
  // Only what differs from the defaults.
  EXPECT_EQ(emit_record(sample_schema(), &d, EmitStyle::non_default),
            "root: /base/r\nfile: /base/r/f.txt\n");
}

TEST(ConfigSchema, ErrorsOfEachType) {
  auto error = [](const std::string& text) {
    return testing::config_error_of([&] { parse_sample(text); });
  };
  EXPECT_EQ(error("count: 11\n"), "s.yaml:1:8: count = '11': out of range, must be in [1, 10]");
  EXPECT_EQ(error("count: 1e400\n"), "s.yaml:1:8: count = '1e400': expected an integer");
  EXPECT_EQ(error("label: z\n"),
            "s.yaml:1:8: label = 'z': not an allowed value, expected one of: x, y: z, 01");
  EXPECT_EQ(error("colour: blue\n"),
            "s.yaml:1:9: colour = 'blue': not an allowed value, expected one of: red, green");
  EXPECT_EQ(error("inner: {renames: [a]}\n"),
            "s.yaml:1:18: inner.renames = '[a]': expected a map of strings");
  EXPECT_EQ(error("inner: {renames: {a: b, a: c}}\n"),
            "s.yaml:1:25: inner.renames.a: duplicate key");
  EXPECT_EQ(error("inner:\n  weights: [1, .inf]\n"),
            "s.yaml:2:16: inner.weights[1] = '.inf': must be finite");
  EXPECT_EQ(error("inner:\n  weights: [1, x]\n"),
            "s.yaml:2:16: inner.weights[1] = 'x': expected a number");
  EXPECT_EQ(error("inner:\n  weight: [1]\n"),
            "s.yaml:2:3: inner.weight: unknown key, did you mean 'weights'?");
  EXPECT_EQ(error("[1, 2]\n"),
            "s.yaml:1:1: expected a map with keys: flag, count, label, colour, root, file, inner");
}

TEST(ConfigSchema, ScalarsReadBackAsWritten) {
  EXPECT_EQ(yaml_string("plain_text-1.nii.gz"), "plain_text-1.nii.gz");
  EXPECT_EQ(yaml_string("/abs/path/x"), "/abs/path/x");
  for (const std::string s : {"", "yes", "No", "null", "01", "1e3", "-x", ".5", "a b", "a:b", "#x",
                              "[x]", "a\"b\\c", "tab\there", "2020-01-01", "~"}) {
    const YAML::Node read = YAML::Load("v: " + yaml_string(s));
    EXPECT_EQ(read["v"].Scalar(), s) << yaml_string(s);
    EXPECT_NE(read["v"].Tag(), "?") << s << " must be quoted";
  }
  EXPECT_EQ(format_real(8), "8.0");
  EXPECT_EQ(format_real(0.1), "0.1");
  EXPECT_EQ(format_real(-52), "-52.0");
  EXPECT_EQ(format_real(1e-10), "1e-10");
  EXPECT_EQ(format_number(0), "0");
  for (const double v : {0.1, 1.0 / 3.0, 6.02214076e23, -2.5e-300, 123456789.125})
    EXPECT_EQ(*parse_real(format_real(v)), v);
  EXPECT_FALSE(parse_real("inf"));
  EXPECT_FALSE(parse_real("+-1"));
  EXPECT_FALSE(parse_real("1.0x"));
  EXPECT_FALSE(parse_integer("1.0"));
  EXPECT_EQ(*parse_integer("+12"), 12);
}

// Reference distances (optimal string alignment) worked by hand.
TEST(ConfigSchema, EditDistance) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);   // one transposition
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // OSA, not unrestricted (2)
  EXPECT_EQ(edit_distance("Min_Coverage", "min_coverage"), 0u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(unknown_key_problem("strategi", {"atlas", "strategy"}, {}),
            "unknown key, did you mean 'strategy'?");
  EXPECT_EQ(unknown_key_problem("xyz", {"atlas", "strategy"}, {}),
            "unknown key; valid keys here: 'atlas', 'strategy'");
}

}  // namespace
}  // namespace acuroi::config::detail
