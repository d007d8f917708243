// The HDF5 layer: every element type and rank round-trips bit for bit, h5py sees the promised
// dtypes and compression, and misuse gives typed errors naming the object.
#include "acuroi/store/h5_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <limits>

#include "acuroi/core/error.hpp"
#include "expected_layout.hpp"
#include "record_equality.hpp"
#include "sample_record.hpp"

namespace fs = std::filesystem;
using namespace acuroi::store;
using namespace acuroi::store::testing;

namespace {

std::map<std::string, Array> sample_arrays() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::uint8_t> mask(100000);
  for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = static_cast<std::uint8_t>(i % 7 == 0);
  std::vector<std::int64_t> big_ints(9000);
  for (std::size_t i = 0; i < big_ints.size(); ++i)
    big_ints[i] = static_cast<std::int64_t>(i * i) - 40000000;
  return {
      {"matrix", matrix_array(sample_series(4, 3, 1.0))},
      {"floats",
       vector_array(std::vector<float>{1.5f, -0.f, std::numeric_limits<float>::denorm_min(), NAN})},
      {"ints2d", Array{{2, 3},
                       std::vector<std::int64_t>{-1, 0, 1, std::numeric_limits<std::int64_t>::min(),
                                                 7, std::numeric_limits<std::int64_t>::max()}}},
      {"mask", vector_array(std::vector<std::uint8_t>{0, 1, 255})},
      {"names", vector_array(std::vector<std::string>{"ACC", "", "a longer name with spaces"})},
      {"scalar_double", scalar_array(nan)},
      {"scalar_string", scalar_array(std::string("line one\nline two\n"))},
      {"empty_doubles", vector_array(std::vector<double>{})},
      {"empty_strings", vector_array(std::vector<std::string>{})},
      {"empty_matrix", Array{{0, 5}, std::vector<double>{}}},
      {"nested/deeper/values", vector_array(std::vector<double>{1e-300, -2.5, 1e300})},
      {"big/mask", vector_array(mask)},                           // 100 kB: chunked + gzip
      {"big/ints", Array{{3000, 3}, big_ints}},                   // 72 kB: chunked + gzip
      {"big/series", matrix_array(sample_series(2730, 3, 4.0))},  // 65520 B: just below, contiguous
  };
}

}  // namespace

TEST(H5File, ArraysAndAttributesRoundTripAndH5pyAgrees) {
  const fs::path dir = fresh_directory("h5_layer");
  const fs::path path = dir / "layer.h5";
  const auto arrays = sample_arrays();
  const std::vector<std::string> fixed = {"rest", "", "pain"};
  {
    H5File abandoned = H5File::create(path);
    abandoned.root().write_attribute("never", 1.0);
  }  // destroyed without close(): nothing is written
  EXPECT_FALSE(fs::exists(path));
  {
    H5File file = H5File::create(path);
    {
      H5Group root = file.root();
      for (const auto& [name, array] : arrays) root.write_array(name, array);
      root.write_array("fixed", vector_array(fixed), {StringStorage::fixed_length});
      root.write_attribute("count", std::int64_t{-3});
      root.write_attribute("nan", std::numeric_limits<double>::quiet_NaN());
      root.write_attribute("text", std::string("pain network"));
      H5Group nested = root.open_group("nested");
      nested.write_attribute("empty", std::string());
      file.root().create_group("lonely");
    }
    EXPECT_FALSE(fs::exists(path));  // written by close()
    file.close();
  }

  H5File file = H5File::open_read_only(path);
  {
    const H5Group root = file.root();
    for (const auto& [name, array] : arrays)
      EXPECT_TRUE(same_array(root.read_array(name), array)) << name;
    const Array fixed_read = root.read_array("fixed");
    EXPECT_EQ(std::get<std::vector<std::string>>(fixed_read.data), fixed);
    EXPECT_EQ(root.read_int_attribute("count"), -3);
    EXPECT_TRUE(std::isnan(root.read_double_attribute("nan")));
    EXPECT_EQ(root.read_double_attribute("count"), -3.0);  // an int64 reads as a double
    EXPECT_EQ(root.read_string_attribute("text"), "pain network");
    EXPECT_EQ(root.open_group("nested").read_string_attribute("empty"), "");
    EXPECT_EQ(root.attribute_names(), (std::vector<std::string>{"count", "nan", "text"}));
    EXPECT_EQ(root.open_group("big").child_names(),
              (std::vector<std::string>{"ints", "mask", "series"}));
    EXPECT_TRUE(root.has_group("nested/deeper"));
    EXPECT_TRUE(root.has_dataset("nested/deeper/values"));
    EXPECT_FALSE(root.has_dataset("nested/deeper"));
    EXPECT_FALSE(root.has_group("matrix/x"));
  }
  file.close();

  // h5py: every group and dataset, dtypes, values and compression.
  Json layout = {{"groups", Json::object()}, {"datasets", Json::object()}};
  for (const auto& [name, array] : arrays) {
    layout["datasets"]["/" + name] = dataset_json(array);
    if (name.find('/') != std::string::npos)
      add_groups(layout["groups"], "/" + name.substr(0, name.rfind('/')));
  }
  layout["datasets"]["/fixed"] = {{"dtype", "fixed-string"},
                                  {"length", 4},
                                  {"shape", {3}},
                                  {"values", fixed},
                                  {"compression", nullptr}};
  layout["groups"]["/"]["attributes"] = {
      {"count", attribute(std::int64_t{-3})},
      {"nan", attribute(std::numeric_limits<double>::quiet_NaN())},
      {"text", attribute(std::string("pain network"))}};
  layout["groups"]["/nested"]["attributes"] = {{"empty", attribute(std::string())}};
  layout["groups"]["/lonely"]["attributes"] = Json::object();
  EXPECT_EQ(layout["datasets"]["/big/mask"]["compression"], "gzip");
  EXPECT_EQ(layout["datasets"]["/big/series"]["compression"], nullptr);
  std::ofstream(dir / "expected.json") << layout.dump(1);
  const auto [status, output] =
      run_python("check_participant_h5.py", path.string() + " " + (dir / "expected.json").string());
  EXPECT_EQ(status, 0) << output;
  fs::remove_all(dir);
}

TEST(H5File, MisuseGivesTypedErrorsNamingTheObject) {
  const fs::path dir = fresh_directory("h5_errors");
  H5File file = H5File::create(dir / "errors.h5");
  {
    H5Group root = file.root();
    root.write_array("values", vector_array(std::vector<double>{1, 2}));
    root.write_attribute("name", std::string("x"));
    EXPECT_THROW(root.write_array("values", vector_array(std::vector<double>{3})),
                 acuroi::core::Error);
    EXPECT_THROW(root.create_group("values"), acuroi::core::Error);
    EXPECT_THROW(root.write_array("values/inside", vector_array(std::vector<double>{3})),
                 acuroi::core::Error);
    EXPECT_THROW(root.write_attribute("name", std::string("y")), acuroi::core::Error);
    EXPECT_THROW(root.write_array("/absolute", vector_array(std::vector<double>{3})),
                 acuroi::core::Error);
    EXPECT_THROW(root.write_array("a//b", vector_array(std::vector<double>{3})),
                 acuroi::core::Error);
    try {
      root.write_array("bad_shape", Array{{2, 2}, std::vector<double>{1, 2, 3}});
      ADD_FAILURE() << "accepted 3 values for shape [2, 2]";
    } catch (const acuroi::core::InputError& e) {
      EXPECT_EQ(e.field(), "/bad_shape");
      EXPECT_EQ(e.value(), "[2, 2]");
    }
    try {
      root.read_array("missing/values");
      ADD_FAILURE() << "read a missing dataset";
    } catch (const acuroi::core::InputError& e) {
      EXPECT_EQ(e.field(), "/missing/values");
      EXPECT_EQ(e.file(), (dir / "errors.h5").string());
    }
    EXPECT_THROW(root.read_int_attribute("name"), acuroi::core::InputError);
    EXPECT_THROW(root.read_string_attribute("missing"), acuroi::core::InputError);
    EXPECT_THROW(root.open_group("values"), acuroi::core::InputError);
    // Closing while a group is still open is refused; the file stays usable.
    EXPECT_THROW(file.close(), acuroi::core::Error);
    root.write_attribute("after", 1.0);
  }
  file.close();
  H5File again = H5File::open_read_only(dir / "errors.h5");
  EXPECT_EQ(again.root().read_double_attribute("after"), 1.0);
  EXPECT_FALSE(again.root().has_dataset("bad_shape"));
  again.close();
  fs::remove_all(dir);
}
