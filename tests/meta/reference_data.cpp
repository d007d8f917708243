#include "reference_data.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace acuroi::meta::testing {
namespace {
std::vector<std::string> split_csv_line(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) { out.push_back(cur); cur.clear(); }
    else cur += c;
  }
  out.push_back(cur);
  return out;
}
}  // namespace

std::string data_dir() { return std::string(ACUROI_SOURCE_DIR) + "/tests/meta/data"; }

Csv read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  Csv csv;
  std::string line;
  std::getline(in, line);
  csv.header = split_csv_line(line);
  while (std::getline(in, line)) {
    if (line.empty() || line == "\r") continue;
    csv.rows.push_back(split_csv_line(line));
  }
  return csv;
}

std::vector<std::string> Csv::strings(const std::string& column) const {
  for (std::size_t j = 0; j < header.size(); ++j)
    if (header[j] == column) {
      std::vector<std::string> out;
      for (const auto& r : rows) out.push_back(r.at(j));
      return out;
    }
  throw std::runtime_error("no column " + column);
}

std::vector<double> Csv::numbers(const std::string& column) const {
  std::vector<double> out;
  for (const std::string& s : strings(column)) out.push_back(s == "NA" ? std::nan("") : std::stod(s));
  return out;
}

const Reference& reference() {
  static const Reference ref = [] {
    Reference r;
    const Csv csv = read_csv(data_dir() + "/expected_flat.csv");
    for (const auto& row : csv.rows) {
      ReferenceRow x;
      x.quantity = row.at(2);
      x.index = row.at(3);
      x.is_na = row.at(4) == "NA";
      x.value = x.is_na ? std::nan("") : std::stod(row.at(4));
      r[{row.at(0), row.at(1)}].push_back(x);
    }
    return r;
  }();
  return ref;
}

}  // namespace acuroi::meta::testing
