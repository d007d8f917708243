// Test support: the metafor 3.8.1 reference (expected_flat.csv) and the three input data sets,
// copied from /work/shared/reference/meta into tests/meta/data.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace acuroi::meta::testing {

struct ReferenceRow {
  std::string quantity, index;
  double value;  // NaN for "NA"
  bool is_na;
};

// (dataset, analysis) -> rows, in file order.
using Reference = std::map<std::pair<std::string, std::string>, std::vector<ReferenceRow>>;
const Reference& reference();

std::string data_dir();

// Minimal CSV reader for the quoted R write.csv files: header -> column of strings.
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> numbers(const std::string& column) const;
  std::vector<std::string> strings(const std::string& column) const;
};
Csv read_csv(const std::string& path);

}  // namespace acuroi::meta::testing
