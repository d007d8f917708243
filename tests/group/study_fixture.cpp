#include "study_fixture.hpp"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <sstream>

#include "acuroi/store/participant_file.hpp"

namespace group_test {

using acuroi::group::RoiMeasure;
using acuroi::group::StudyValues;

double Normal::operator()() {
  const double u1 = 1.0 - rng_.uniform(), u2 = rng_.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

StudyValues simulate_values(const SimulationSpec& spec, std::uint64_t seed) {
  Normal z(seed, 0);
  StudyValues v;
  v.active_arm = "acupuncture";
  v.control_arm = "sham";
  v.pre_session = "pre";
  v.post_session = "post";
  const std::size_t n = spec.n_active + spec.n_control;
  const auto m = static_cast<Eigen::Index>(spec.columns.size());
  v.pre.resize(static_cast<Eigen::Index>(n), m);
  v.post.resize(static_cast<Eigen::Index>(n), m);
  for (const PlantedColumn& c : spec.columns) v.columns.push_back({c.roi, c.measure});
  const char* sites[] = {"A", "B", "C"};
  for (std::size_t i = 0; i < n; ++i) {
    const bool active = i < spec.n_active;
    const std::size_t k = active ? i + 1 : i - spec.n_active + 1;
    char label[16];
    std::snprintf(label, sizeof label, "%s%02zu", active ? "a" : "c", k);
    v.participants.push_back(label);
    v.arms.push_back(active ? v.active_arm : v.control_arm);
    const double age = std::round((45.0 + 12.0 * z()) * 10.0) / 10.0;
    std::ostringstream age_text;
    age_text << age;
    v.covariates.push_back(
        {{"age", age_text.str()}, {"sex", z.uniform() < 0.5 ? "F" : "M"}, {"site", sites[i % 3]}});
    for (Eigen::Index j = 0; j < m; ++j) {
      const PlantedColumn& c = spec.columns[static_cast<std::size_t>(j)];
      const double pre = 1.0 + 0.3 * z();
      const double change = c.control_shift + (active ? c.effect : 0.0) +
                            c.age_slope * (age - 45.0) +
                            (active ? c.sd_active : c.sd_control) * z();
      v.pre(static_cast<Eigen::Index>(i), j) = pre;
      v.post(static_cast<Eigen::Index>(i), j) = pre + change;
    }
  }
  return v;
}

void write_participant_file(const std::filesystem::path& dir, const std::string& label,
                            const std::string& arm,
                            const std::map<std::string, std::string>& covariates,
                            const std::map<std::string, std::vector<MeasureRow>>& sessions) {
  acuroi::store::ParticipantRecord record;
  record.participant_label = label;
  record.arm = arm;
  record.covariates = covariates;
  record.provenance.acuroi_version = "test";
  record.provenance.config_sha256 = "0123abcd";
  for (const auto& [session, rows] : sessions) {
    std::vector<std::string> measure, roi, status;
    std::vector<double> value;
    std::vector<std::int64_t> runs_used, volumes_kept;
    for (const MeasureRow& r : rows) {
      measure.push_back(r.measure);
      roi.push_back(r.roi);
      value.push_back(r.value);
      status.push_back(r.status);
      runs_used.push_back(std::isfinite(r.value) ? 1 : 0);
      volumes_kept.push_back(std::isfinite(r.value) ? 150 : 0);
    }
    auto& arrays = record.session_arrays[session];
    arrays["measures/measure"] = acuroi::store::vector_array(measure);
    arrays["measures/roi"] = acuroi::store::vector_array(roi);
    arrays["measures/value"] = acuroi::store::vector_array(value);
    arrays["measures/runs_used"] = acuroi::store::vector_array(runs_used);
    arrays["measures/volumes_kept"] = acuroi::store::vector_array(volumes_kept);
    arrays["measures/status"] = acuroi::store::vector_array(status);
  }
  acuroi::store::write_participant_record(record, acuroi::store::participant_file_path(dir, label));
}

std::vector<std::filesystem::path> write_participant_files(const StudyValues& v,
                                                           const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> paths;
  for (std::size_t i = 0; i < v.participants.size(); ++i) {
    std::map<std::string, std::vector<MeasureRow>> sessions;
    for (std::size_t j = 0; j < v.columns.size(); ++j) {
      const auto r = static_cast<Eigen::Index>(i), c = static_cast<Eigen::Index>(j);
      for (const auto& [session, value] :
           {std::pair{v.pre_session, v.pre(r, c)}, std::pair{v.post_session, v.post(r, c)}})
        sessions[session].push_back({v.columns[j].roi, v.columns[j].measure, value,
                                     std::isfinite(value) ? "" : "no value"});
    }
    write_participant_file(dir, v.participants[i], v.arms[i], v.covariates[i], sessions);
    paths.push_back(acuroi::store::participant_file_path(dir, v.participants[i]));
  }
  return paths;
}

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("acuroi-group-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  if (std::getenv("ACUROI_KEEP_SCRATCH") != nullptr) return;  // for looking at outputs by hand
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path ScratchDir::write(const std::string& relative,
                                        const std::string& text) const {
  const auto file = path_ / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file;
}

ProgramResult run_program(const std::string& command_line) {
  static std::atomic<int> counter{0};
  const auto base =
      std::filesystem::temp_directory_path() /
      ("acuroi-group-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::string out = base.string() + ".out", err = base.string() + ".err";
  const int status = std::system((command_line + " >" + out + " 2>" + err).c_str());
  ProgramResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

std::string study_config(const std::filesystem::path& output_dir, const std::string& group_yaml,
                         const std::string& extra_yaml) {
  return "study:\n  name: sim\n  dataset: .\n  arms: [acupuncture, sham]\n"
         "output:\n  dir: " +
         output_dir.string() + "\n" + (group_yaml.empty() ? "" : "group:\n" + group_yaml) +
         extra_yaml;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace group_test
