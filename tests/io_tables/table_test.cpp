// Reading TSV and CSV tables: quoting, missing values, BOM, CRLF, and the errors people see.
#include "acuroi/io/table.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "test_files.hpp"

namespace acuroi::io {
namespace {

using test::input_error_of;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Table, ReadsTsvCellsAndNumbers) {
  const Table t = parse_table("roi\tmean\tvoxels\nACC\t1.5\t120\ninsula\t-2e-3\t88\n",
                              TableFormat::tsv(), "mem.tsv");
  EXPECT_THAT(t.header(), ElementsAre("roi", "mean", "voxels"));
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.column_count(), 3u);
  EXPECT_EQ(t.cell(1, 0), "insula");
  EXPECT_EQ(t.cell(0, "voxels"), "120");
  EXPECT_EQ(t.number(1, "mean"), -0.002);
  EXPECT_THAT(t.numbers("voxels"), ElementsAre(120.0, 88.0));
  EXPECT_THAT(t.strings("roi"), ElementsAre("ACC", "insula"));
  EXPECT_EQ(t.column_index("mean"), 1u);
  EXPECT_FALSE(t.has_column("Mean"));  // names are case-sensitive
}

TEST(Table, MissingValuesReadAsNaN) {
  const Table t = parse_table("a\tb\nn/a\t1\nNA\t2\nnan\t3\n\t4\nN/A\t5\nNaN\t6\n  \t7\n",
                              TableFormat::tsv(), "mem.tsv");
  ASSERT_EQ(t.row_count(), 7u);
  for (double v : t.numbers("a")) EXPECT_TRUE(std::isnan(v));
  EXPECT_THAT(t.numbers("b"), ElementsAre(1, 2, 3, 4, 5, 6, 7));
  EXPECT_TRUE(is_missing_value(""));
  EXPECT_TRUE(is_missing_value("n/a"));
  EXPECT_FALSE(is_missing_value("0"));
  EXPECT_FALSE(is_missing_value("none"));
}

TEST(Table, NumbersFollowPythonFloat) {
  // Python: float('+1.5') == 1.5, float(' 2 ') == 2.0, float('1e-400') == 0.0,
  // float('1e400') == inf, float('-inf') == -inf, float('4.9e-324') == 5e-324 (subnormal).
  const Table t = parse_table("x\n+1.5\n 2 \n1e-400\n1e400\n-inf\n4.9e-324\n.5\n",
                              TableFormat::tsv(), "mem.tsv");
  const std::vector<double> x = t.numbers("x");
  EXPECT_EQ(x[0], 1.5);
  EXPECT_EQ(x[1], 2.0);
  EXPECT_EQ(x[2], 0.0);
  EXPECT_EQ(x[3], HUGE_VAL);
  EXPECT_EQ(x[4], -HUGE_VAL);
  EXPECT_EQ(x[5], 4.9406564584124654e-324);
  EXPECT_EQ(x[6], 0.5);
}

TEST(Table, CsvQuotingFollowsRfc4180) {
  const std::string text =
      "study,comment,\"mean, post\"\n"
      "\"Smith, J. (2019)\",\"said \"\"hi\"\"\nthen left\",1.25\n"
      "Lee,plain \"quote\" inside,-3\n"
      "\"\",\"\",\"\"\n";
  const Table t = parse_table(text, TableFormat::csv(), "studies.csv");
  EXPECT_THAT(t.header(), ElementsAre("study", "comment", "mean, post"));
  ASSERT_EQ(t.row_count(), 3u);
  EXPECT_EQ(t.cell(0, 0), "Smith, J. (2019)");
  EXPECT_EQ(t.cell(0, 1), "said \"hi\"\nthen left");
  EXPECT_EQ(t.number(0, "mean, post"), 1.25);
  EXPECT_EQ(t.cell(1, 1), "plain \"quote\" inside");  // a quote inside an unquoted cell is text
  EXPECT_EQ(t.cell(2, 0), "");
  EXPECT_TRUE(std::isnan(t.number(2, 2)));
  // The row after a quoted line break is counted by its file line.
  EXPECT_EQ(t.describe_row(1), "data row 2 (line 4)");
}

TEST(Table, TsvDoesNotInterpretQuotes) {
  const Table t = parse_table("name\tnote\n\"a\tb\"\n", TableFormat::tsv(), "mem.tsv");
  EXPECT_EQ(t.cell(0, 0), "\"a");
  EXPECT_EQ(t.cell(0, 1), "b\"");
}

TEST(Table, AcceptsByteOrderMarkCrlfAndBlankLines) {
  test::TempFolder dir;
  test::write_file(dir / "p.tsv",
                   "\xEF\xBB\xBFparticipant_id\tage\r\nsub-01\t31\r\n\r\nsub-02\t45\r\n");
  const Table t = read_table(dir / "p.tsv");
  EXPECT_THAT(t.header(), ElementsAre("participant_id", "age"));
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.cell(0, "age"), "31");  // no trailing '\r'
  EXPECT_EQ(t.number(1, "age"), 45.0);
  EXPECT_EQ(t.describe_row(1), "data row 2 (line 4)");  // the blank line 3 is skipped but counted

  test::write_file(dir / "q.csv", "a,b\r\n\"x\r\ny\",2\r\n3,\"4\"");  // no final line end
  const Table q = read_table(dir / "q.csv");
  ASSERT_EQ(q.row_count(), 2u);
  EXPECT_EQ(q.cell(0, 0), "x\r\ny");
  EXPECT_EQ(q.cell(1, 1), "4");
}

TEST(Table, ExplainsACellThatIsNotANumber) {
  test::TempFolder dir;
  const auto path = dir / "sub-01_desc-confounds_timeseries.tsv";
  test::write_file(path, "trans_x\ttrans_y\n0.1\t0.2\n0.3\t0,4\n");
  const Table t = read_table(path);
  try {
    (void)t.numbers("trans_y");
    FAIL() << "expected an InputError";
  } catch (const core::InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              path.string() +
                  ": column 'trans_y', data row 2 (line 3) = 0,4: not a number "
                  "(missing values are written empty, n/a, NA or nan)");
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(e.value(), "0,4");
  }
}

TEST(Table, MissingColumnListsTheColumnsThatExist) {
  const Table t = parse_table("trans_x\trot_z\n1\t2\n", TableFormat::tsv(), "conf.tsv");
  const std::string message = input_error_of([&] { (void)t.column_index("trans_q"); });
  EXPECT_EQ(message,
            "conf.tsv: column = trans_q: no such column; the columns are: 'trans_x', "
            "'rot_z'");
  EXPECT_FALSE(t.find_column("trans_q").has_value());
}

TEST(Table, RaggedRowNamesTheRow) {
  const std::string message = input_error_of(
      [] { (void)parse_table("a\tb\n1\t2\n3\t4\t5\n", TableFormat::tsv(), "ragged.tsv"); });
  EXPECT_EQ(message,
            "ragged.tsv: data row 2 (line 3): row has 3 cells but the header has 2 columns");
}

TEST(Table, StructuralErrors) {
  EXPECT_THAT(input_error_of([] { (void)parse_table("", TableFormat::tsv(), "e.tsv"); }),
              HasSubstr("e.tsv: table is empty: a header row is required"));
  EXPECT_THAT(
      input_error_of([] { (void)parse_table("\xEF\xBB\xBF\r\n\n", TableFormat::tsv(), "e.tsv"); }),
      HasSubstr("table is empty"));
  EXPECT_EQ(input_error_of(
                [] { (void)parse_table("a,b\n1,\"open\n2,3\n", TableFormat::csv(), "q.csv"); }),
            "q.csv: line 2: quoted cell is never closed (a '\"' is missing)");
  EXPECT_EQ(input_error_of([] { (void)parse_table("a\tb\ta\n", TableFormat::tsv(), "d.tsv"); }),
            "d.tsv: header = a: column name appears more than once");
  EXPECT_THAT(input_error_of([] { (void)read_table("/nonexistent/participants.tsv"); }),
              HasSubstr("/nonexistent/participants.tsv: cannot open table"));
  EXPECT_THAT(input_error_of([] { (void)read_table("/tmp/labels.txt"); }),
              HasSubstr("/tmp/labels.txt: extension = .txt: cannot tell the table format"));
}

TEST(Table, FormatFromExtensionOrExplicit) {
  test::TempFolder dir;
  test::write_file(dir / "a.CSV", "x,y\n1,2\n");
  EXPECT_EQ(read_table(dir / "a.CSV").number(0, "y"), 2.0);
  test::write_file(dir / "labels.txt", "index;name\n1;Precentral_L\n");
  const Table t = read_table(dir / "labels.txt", TableFormat{';', false});
  EXPECT_EQ(t.cell(0, "name"), "Precentral_L");
}

TEST(Table, HeaderOnlyTableHasNoRows) {
  const Table t = parse_table("a\tb\n", TableFormat::tsv(), "h.tsv");
  EXPECT_EQ(t.row_count(), 0u);
  EXPECT_TRUE(t.numbers("b").empty());
}

}  // namespace
}  // namespace acuroi::io
