// An fMRIPrep-like confounds file (282 columns x 1000 rows, n/a in the first row of derivative
// columns, several number styles, tricky decimals) written by Python; every cell we parse must
// equal numpy.genfromtxt's double bit for bit.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>

#include "acuroi/io/table.hpp"
#include "test_files.hpp"

namespace acuroi::io {
namespace {

TEST(ConfoundsCrossCheck, NumbersEqualNumpyBitForBit) {
  test::TempFolder dir;
  ASSERT_EQ(test::run_crosscheck("confounds " + dir.path().string()), 0);
  std::size_t rows = 0, columns = 0;
  std::ifstream(dir / "confounds_shape.txt") >> rows >> columns;
  ASSERT_EQ(rows, 1000u);
  ASSERT_EQ(columns, 282u);
  std::vector<double> reference(rows * columns);
  std::ifstream(dir / "confounds_reference.f64", std::ios::binary)
      .read(reinterpret_cast<char*>(reference.data()),
            static_cast<std::streamsize>(reference.size() * sizeof(double)));

  const auto start = std::chrono::steady_clock::now();
  const Table table = read_table(dir / "confounds.tsv");
  std::vector<std::vector<double>> by_column;
  for (std::size_t c = 0; c < table.column_count(); ++c) by_column.push_back(table.numbers(c));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("read_and_parse_ms", std::to_string(static_cast<int>(seconds * 1000)));

  ASSERT_EQ(table.row_count(), rows);
  ASSERT_EQ(table.column_count(), columns);
  EXPECT_EQ(table.header()[1], "global_signal_derivative1");
  std::size_t differences = 0, nan_cells = 0;
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < columns; ++c) {
      const double ours = by_column[c][r], numpy = reference[r * columns + c];
      if (std::isnan(numpy)) {
        ++nan_cells;
        if (!std::isnan(ours)) ++differences;
      } else if (std::memcmp(&ours, &numpy, sizeof ours) != 0) {
        if (differences++ < 5)
          ADD_FAILURE() << "row " << r << " column " << table.header()[c] << ": '"
                        << table.cell(r, c) << "' read as " << ours << ", numpy " << numpy;
      }
    }
  EXPECT_EQ(differences, 0u);
  // n/a in the first row of the 18 derivative columns and of FD, DVARS and std_dvars.
  std::size_t first_row_missing = 0;
  for (std::size_t c = 0; c < columns; ++c) {
    const std::string& name = table.header()[c];
    if (name.find("derivative1") == std::string::npos && name != "framewise_displacement" &&
        name != "dvars" && name != "std_dvars")
      continue;
    ++first_row_missing;
    EXPECT_TRUE(std::isnan(by_column[c][0])) << name;
    EXPECT_FALSE(std::isnan(by_column[c][1])) << name;
  }
  EXPECT_EQ(first_row_missing, 21u);
  EXPECT_GT(nan_cells, first_row_missing);  // plus NaN spelled out in the tricky columns
  EXPECT_LT(seconds, 5.0);  // a generous bound: about 0.1 s on the 2-core development machine
}

}  // namespace
}  // namespace acuroi::io
