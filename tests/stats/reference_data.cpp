#include "reference_data.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace stats_test {

std::string data_path(const std::string& file) {
  return std::string(ACUROI_SOURCE_DIR) + "/tests/stats/data/" + file;
}

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::string field;
    std::stringstream s(line);
    while (std::getline(s, field, ',')) {
      if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
        field = field.substr(1, field.size() - 2);
      fields.push_back(field);
    }
    if (line.back() == ',') fields.emplace_back();
    rows.push_back(fields);
  }
  return rows;
}

std::vector<Subject> load_subjects() {
  const auto rows = read_csv(data_path("subjects.csv"));
  const auto& header = rows.at(0);
  std::vector<Subject> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    Subject s;
    s.id = rows[r][0];
    s.group = rows[r][1];
    s.age = std::stod(rows[r][2]);
    s.sex = std::stod(rows[r][3]);
    for (std::size_t c = 4; c + 1 < header.size(); c += 2) {
      const std::string roi = header[c].substr(0, header[c].size() - 4);  // "<roi>_pre"
      s.roi[roi] = {std::stod(rows[r][c]), std::stod(rows[r][c + 1])};
    }
    out.push_back(s);
  }
  return out;
}

acuroi::stats::PrePostData prepost_for(const std::vector<Subject>& subjects,
                                       const std::string& roi) {
  acuroi::stats::PrePostData d;
  d.roi = roi;
  d.measure = "value";
  d.active.name = "acupuncture";
  d.control.name = "sham";
  for (const Subject& s : subjects) {
    auto& arm = s.group == "acupuncture" ? d.active : d.control;
    arm.participant_ids.push_back(s.id);
    arm.pre.push_back(s.roi.at(roi).first);
    arm.post.push_back(s.roi.at(roi).second);
  }
  return d;
}

acuroi::stats::ParticipantTable table_for(const std::vector<Subject>& subjects,
                                          const std::string& roi) {
  acuroi::stats::ParticipantTable t;
  for (const Subject& s : subjects) {
    t.participant_ids.push_back(s.id);
    const auto [pre, post] = s.roi.at(roi);
    t.numeric["pre"].push_back(pre);
    t.numeric["post"].push_back(post);
    t.numeric["change"].push_back(post - pre);
    t.numeric["age"].push_back(s.age);
    t.numeric["sex"].push_back(s.sex);
    t.categorical["arm"].push_back(s.group);
    t.categorical["sex_level"].push_back(s.sex == 0 ? "0" : "1");
  }
  return t;
}

std::vector<std::pair<std::string, double>> load_expected() {
  const auto rows = read_csv(data_path("expected_flat.csv"));
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t r = 1; r < rows.size(); ++r)
    out.emplace_back(rows[r][0] + "|" + rows[r][1] + "|" + rows[r][2] + "|" + rows[r][3],
                     std::stod(rows[r][4]));
  return out;
}

bool close(double actual, double expected, double tolerance) {
  if (expected == 0.0) return actual == 0.0;
  return std::fabs(actual - expected) <= tolerance * std::fabs(expected);
}

std::string run_python(const std::string& script, const std::string& argument) {
  const std::string command = std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR +
                              "/tests/stats/" + script + " '" + argument + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (pclose(pipe) != 0) throw std::runtime_error("failed: " + command + "\n" + out);
  return out;
}

}  // namespace stats_test
