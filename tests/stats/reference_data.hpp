// Test helpers: the reference inputs and expected values of /work/shared/reference/group (copied
// to tests/stats/data), read with a small CSV reader; running the Python cross-check scripts.
#pragma once
#include "acuroi/stats/design.hpp"
#include "acuroi/stats/study_record.hpp"

#include <map>
#include <string>
#include <vector>

namespace stats_test {

inline const std::vector<std::string> kRois = {"ACC", "insula", "S1", "thalamus", "DMN"};

std::string data_path(const std::string& file);
// Rows of a comma-separated file (double quotes removed); the header is row 0.
std::vector<std::vector<std::string>> read_csv(const std::string& path);

struct Subject {
  std::string id, group;
  double age = 0, sex = 0;
  std::map<std::string, std::pair<double, double>> roi;  // ROI -> (pre, post)
};
std::vector<Subject> load_subjects();

// The pre/post data of one ROI with acupuncture as the active arm, sham as control.
acuroi::stats::PrePostData prepost_for(const std::vector<Subject>& subjects,
                                       const std::string& roi);
// Participants table with numeric change, pre, post, age, sex and categorical arm, sex_level.
acuroi::stats::ParticipantTable table_for(const std::vector<Subject>& subjects,
                                          const std::string& roi);

// expected_flat.csv: key "roi|test|quantity|index" -> value, in file order.
std::vector<std::pair<std::string, double>> load_expected();

// Relative closeness |a − b| ≤ tol·|b| (exact match required when b = 0).
bool close(double actual, double expected, double tolerance);

// Runs ACUROI_PYTHON with the script in tests/stats and argument; returns its stdout.
std::string run_python(const std::string& script, const std::string& argument);

}  // namespace stats_test
