// Writing TSV: exact text, round-trip of doubles (checked by Python's float()), n/a for NaN.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>

#include "acuroi/io/table.hpp"
#include "test_files.hpp"

namespace acuroi::io {
namespace {

using ::testing::HasSubstr;

std::uint64_t bits(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

TEST(WriteTsv, WritesTheExpectedText) {
  test::TempFolder dir;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  write_tsv(dir / "out.tsv", {"roi", "mean", "voxels", "coverage"},
            {{"ACC", 0.1, 120, nan},
             {std::string("insula"), 1.0 / 3.0, 88u, 1e21},
             {"S1", -2.5e-300, -4, -std::numeric_limits<double>::infinity()}});
  EXPECT_EQ(test::read_file(dir / "out.tsv"),
            "roi\tmean\tvoxels\tcoverage\n"
            "ACC\t0.1\t120\tn/a\n"
            "insula\t0.3333333333333333\t88\t1e+21\n"
            "S1\t-2.5e-300\t-4\t-inf\n");
  // Only the target is left: the temporary file was renamed.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
  EXPECT_EQ(format_number(0.1f), "0.1");  // shortest for float, not 0.10000000149011612
  EXPECT_EQ(format_number(100.0), "100");
}

TEST(WriteTsv, DoublesRoundTripBitForBit) {
  // Random doubles over the whole range, subnormals and specials, written by us, read back by
  // Python's float() (independent) and by our reader.
  std::mt19937_64 random(7);
  std::vector<double> values;
  for (int i = 0; i < 4000; ++i) {
    double v;
    const std::uint64_t b = random();
    std::memcpy(&v, &b, sizeof v);
    if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
    values.push_back(v);
  }
  for (double v :
       {0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 0.2,
        0.30000000000000004, 1e23, 9007199254740993.0, std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN()})
    values.push_back(v);
  const std::size_t columns = 8;
  while (values.size() % columns) values.push_back(1.0);
  std::vector<std::vector<double>> rows;
  for (std::size_t k = 0; k < values.size(); k += columns)
    rows.emplace_back(values.begin() + static_cast<long>(k),
                      values.begin() + static_cast<long>(k + columns));
  std::vector<std::string> header;
  for (std::size_t c = 0; c < columns; ++c) header.push_back("c" + std::to_string(c));

  test::TempFolder dir;
  write_numeric_tsv(dir / "values.tsv", header, rows);
  std::ofstream(dir / "values.f64", std::ios::binary)
      .write(reinterpret_cast<const char*>(values.data()),
             static_cast<std::streamsize>(values.size() * sizeof(double)));
  EXPECT_EQ(test::run_crosscheck("check-tsv " + (dir / "values.tsv").string() + " " +
                                 (dir / "values.f64").string()),
            0);

  const Table back = read_table(dir / "values.tsv");
  ASSERT_EQ(back.row_count(), rows.size());
  std::size_t nan_cells = 0;
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < columns; ++c) {
      const double expected = rows[r][c], read = back.number(r, c);
      if (std::isnan(expected)) {
        ++nan_cells;
        EXPECT_TRUE(std::isnan(read));
        EXPECT_EQ(back.cell(r, c), "n/a");
      } else {
        EXPECT_EQ(bits(read), bits(expected)) << back.cell(r, c);
      }
    }
  EXPECT_GE(nan_cells, 1u);
}

TEST(WriteTsv, RefusesCellsTsvCannotHold) {
  test::TempFolder dir;
  const std::string message = test::input_error_of([&] {
    write_tsv(dir / "bad.tsv", {"name", "note"}, {{"a", "ok"}, {"b", "two\nlines"}});
  });
  EXPECT_THAT(message, HasSubstr("bad.tsv: column 'note', data row 2 = two\nlines: a TSV cell "
                                 "cannot contain a tab or a line break"));
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.tsv"));
  EXPECT_THROW(write_tsv(dir / "short.tsv", {"a", "b"}, {{"only one"}}), core::Error);
  EXPECT_THROW(write_numeric_tsv(dir / "short.tsv", {"a", "b"}, {{1.0, 2.0, 3.0}}), core::Error);
  EXPECT_FALSE(std::filesystem::exists(dir / "short.tsv"));
}

}  // namespace
}  // namespace acuroi::io
