// JSON sidecars: round trip, NaN/inf -> null (checked by Python's json), errors naming the file.
#include "acuroi/io/json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "test_files.hpp"

namespace acuroi::io {
namespace {

using ::testing::HasSubstr;

TEST(Json, RoundTripAndNonFiniteAsNull) {
  test::TempFolder dir;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Json sidecar = {{"RepetitionTime", 2.0},
                  {"not_a_number", nan},
                  {"infinite", std::numeric_limits<double>::infinity()},
                  {"list", {1, nan, 0.1}},
                  {"nested", {{"name", "ACC \xC3\xA9"}, {"volumes", 240}}}};
  write_json_atomically(dir / "sidecar.json", sidecar);
  const std::string text = test::read_file(dir / "sidecar.json");
  EXPECT_THAT(text, HasSubstr("\"not_a_number\": null"));
  EXPECT_THAT(text, HasSubstr("\"infinite\": null"));
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(test::run_crosscheck("check-json " + (dir / "sidecar.json").string()), 0);

  const Json back = read_json(dir / "sidecar.json");
  EXPECT_EQ(back["RepetitionTime"].get<double>(), 2.0);
  EXPECT_TRUE(back["not_a_number"].is_null());
  EXPECT_EQ(back["list"][2].get<double>(), 0.1);  // shortest round-trip text, same double
  EXPECT_EQ(back["nested"]["name"], "ACC \xC3\xA9");
}

TEST(Json, OrderedJsonKeepsInsertionOrderAndIndentIsHonoured) {
  test::TempFolder dir;
  nlohmann::ordered_json value;
  value["z"] = 1;
  value["a"] = 2;
  write_json_atomically(dir / "o.json", value, -1);
  EXPECT_EQ(test::read_file(dir / "o.json"), "{\"z\":1,\"a\":2}\n");
  write_json_atomically(dir / "s.json", Json{{"z", 1}, {"a", 2}}, 2);
  EXPECT_EQ(test::read_file(dir / "s.json"), "{\n  \"a\": 2,\n  \"z\": 1\n}\n");
}

TEST(Json, ParseErrorNamesFileLineAndColumn) {
  test::TempFolder dir;
  const auto path = dir / "broken.json";
  test::write_file(path, "{\n  \"RepetitionTime\": 2.0,\n  \"SliceTiming\": [0.0, 1.0,]\n}\n");
  const std::string message = test::input_error_of([&] { (void)read_json(path); });
  EXPECT_THAT(message, HasSubstr(path.string() + ": line 3, column 28 (byte "));
  EXPECT_THAT(message, HasSubstr("invalid JSON: syntax error"));
  EXPECT_THAT(test::input_error_of([&] { (void)read_json(dir / "absent.json"); }),
              HasSubstr("absent.json: cannot open JSON file"));
}

TEST(Json, OptionalNumber) {
  const Json sidecar = {{"RepetitionTime", 0.8}, {"TaskName", "rest"}, {"Missing", nullptr}};
  EXPECT_EQ(optional_number(sidecar, "RepetitionTime", "s.json"), 0.8);
  EXPECT_FALSE(optional_number(sidecar, "Absent", "s.json").has_value());
  EXPECT_FALSE(optional_number(sidecar, "Missing", "s.json").has_value());
  EXPECT_EQ(test::input_error_of([&] { (void)optional_number(sidecar, "TaskName", "s.json"); }),
            "s.json: TaskName = \"rest\": expected a number");
  EXPECT_EQ(test::input_error_of([&] { (void)optional_number(Json::array(), "x", "s.json"); }),
            "s.json: expected a JSON object, found array");
}

}  // namespace
}  // namespace acuroi::io
