// Label tables in both forms: the real AAL table against Python's parse of the same file, and
// small hand-made files whose expected entries are written in the test (the spec, not our output).
#include <gtest/gtest.h>

#include <fstream>

#include "acuroi/core/error.hpp"
#include "acuroi/roi/label_table.hpp"
#include "roi_test_support.hpp"

namespace acuroi::roi {
namespace {

using testing::reference;

const std::string kData = std::string(ACUROI_SOURCE_DIR) + "/tests/roi/data/";

std::vector<LabelEntry> python_aal_table() {
  std::ifstream in(reference("aal_table.txt"));
  std::vector<LabelEntry> entries;
  for (std::string line; std::getline(in, line);) {
    const auto tab = line.find('\t');
    entries.push_back({std::stoi(line.substr(0, tab)), line.substr(tab + 1)});
  }
  return entries;
}

void expect_same_entries(const LabelTable& table, const std::vector<LabelEntry>& expected) {
  ASSERT_EQ(table.entries().size(), expected.size());
  for (std::size_t e = 0; e < expected.size(); ++e) {
    EXPECT_EQ(table.entries()[e].value, expected[e].value) << "entry " << e;
    EXPECT_EQ(table.entries()[e].name, expected[e].name) << "entry " << e;
  }
}

TEST(LabelTable, MricronAalTextEqualsPythonParse) {
  const LabelTable aal = read_label_table(testing::kAalTable);
  const auto expected = python_aal_table();
  ASSERT_EQ(expected.size(), 116u);
  expect_same_entries(aal, expected);
  EXPECT_EQ(aal.value_of("Insula_L"), 29);
  EXPECT_EQ(aal.name_of(30), "Insula_R");
}

TEST(LabelTable, BidsDsegFormOfAalEqualsPythonParse) {
  expect_same_entries(read_label_table(reference("aal_dseg.tsv")), python_aal_table());
}

TEST(LabelTable, MricronFormToleratesCommentsBlankLinesCrlfTabsAndExtraColumns) {
  const LabelTable t = read_label_table(kData + "labels_mricron.txt");
  expect_same_entries(t,
                      {{0, "Background"}, {3, "Left_Thing"}, {17, "Right_Thing"}, {42, "Other"}});
}

TEST(LabelTable, BidsFormUsesIndexAndNameColumnsOnly) {
  const LabelTable t = read_label_table(kData + "labels_dseg.tsv");
  expect_same_entries(t, {{0, "background"}, {3, "Left Thing"}, {17, "Right_Thing"}});
}

TEST(LabelTable, UnlistedValueIsNamedByItsNumber) {
  const LabelTable t = read_label_table(kData + "labels_mricron.txt");
  EXPECT_EQ(t.name_of(5), "5");
  EXPECT_FALSE(t.value_of("Nowhere").has_value());
}

TEST(LabelTable, DuplicateValueNamesFileAndLine) {
  try {
    read_label_table(kData + "labels_duplicate.txt");
    FAIL() << "expected core::InputError";
  } catch (const core::InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("labels_duplicate.txt"), std::string::npos) << m;
    EXPECT_NE(m.find("line 3"), std::string::npos) << m;
  }
}

TEST(LabelTable, NonIntegerIndexNamesFileLineAndValue) {
  try {
    read_label_table(kData + "labels_bad_index.txt");
    FAIL() << "expected core::InputError";
  } catch (const core::InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("labels_bad_index.txt"), std::string::npos) << m;
    EXPECT_NE(m.find("line 2"), std::string::npos) << m;
    EXPECT_EQ(e.value(), "x2");
  }
  EXPECT_THROW(read_label_table(kData + "labels_bad_dseg.tsv"), core::InputError);
  EXPECT_THROW(read_label_table(kData + "no_such_table.txt"), core::InputError);
}

}  // namespace
}  // namespace acuroi::roi
