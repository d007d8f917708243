#include "meta_fixture.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "acuroi/core/hash.hpp"

namespace meta_test {
namespace {

const char* const kStudyConfig = R"(study:
  name: NAME
  dataset: data
  arms: [acupuncture, sham]
rois:
  atlas: aal
  preset: PRESET
denoise:
  min_time_seconds: 0
measures:
  compute: [mean, alff]
group:
  permutations: 0
output:
  dir: out
  write_tsv: false
)";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The fixture folder: one per acuroi binary (path, size and time), so a rebuilt binary rebuilds it.
std::filesystem::path fixture_root() {
  const std::filesystem::path binary = ACUROI_BINARY;
  const auto stamp = std::filesystem::last_write_time(binary).time_since_epoch().count();
  const std::string key = acuroi::core::sha256_hex(binary.string() + " " +
                                                   std::to_string(std::filesystem::file_size(binary)) + " " +
                                                   std::to_string(stamp));
  return std::filesystem::temp_directory_path() / ("acuroi-metastudy-fixture-" + key.substr(0, 16));
}

void build_study(const SimulatedStudy& s, int seed, int effect_scale, int participants) {
  std::filesystem::create_directories(s.root);
  std::ofstream(s.config) << replace_all(replace_all(kStudyConfig, "NAME", s.name), "PRESET",
                                         std::string(ACUROI_SOURCE_DIR) + "/configs/pain-network.yaml");
  const std::string steps[] = {
      "simulate --out " + s.dataset.string() + " --participants " + std::to_string(participants) +
          " --resolution 8 --volumes 100 --seed " + std::to_string(seed) + " --effect-scale " +
          std::to_string(effect_scale),
      "participant " + s.config.string(), "group " + s.config.string()};
  for (const std::string& step : steps) {
    const ProgramResult r = run_acuroi(step);
    if (r.exit_code != 0)
      throw std::runtime_error("acuroi " + step + " failed (" + std::to_string(r.exit_code) + "): " + r.out + r.err);
  }
  // Only the group outputs and the ground truth are needed from here on.
  for (const auto& entry : std::filesystem::directory_iterator(s.dataset))
    if (entry.is_directory() && entry.path().filename().string().rfind("sub-", 0) == 0)
      std::filesystem::remove_all(entry.path());
}

// Fixtures of earlier binaries.
void remove_old_fixtures(const std::filesystem::path& current) {
  for (const auto& entry : std::filesystem::directory_iterator(current.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (entry.path() != current && name.rfind("acuroi-metastudy-fixture-", 0) == 0 &&
        name.find(".lock") == std::string::npos) {
      std::error_code ignored;
      std::filesystem::remove_all(entry.path(), ignored);
    }
  }
}

std::vector<SimulatedStudy> build_all() {
  const std::filesystem::path root = fixture_root();
  std::vector<SimulatedStudy> studies;
  for (const char* name : {"trialA", "trialB", "trialC"})
    studies.push_back({name, root / name, root / name / "data", root / name / "out", root / name / "study.yaml"});
  const std::filesystem::path lock_path = root.string() + ".lock";
  const int lock = ::open(lock_path.c_str(), O_CREAT | O_RDWR, 0644);
  if (lock < 0 || ::flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + lock_path.string());
  const std::filesystem::path done = root / "complete";
  try {
    if (!std::filesystem::exists(done)) {
      remove_old_fixtures(root);
      std::filesystem::remove_all(root);
      const int seeds[] = {11, 21, 31}, scales[] = {3, 4, 5}, participants[] = {5, 6, 6};
      for (std::size_t i = 0; i < studies.size(); ++i) build_study(studies[i], seeds[i], scales[i], participants[i]);
      std::ofstream(done) << "ok\n";
    }
  } catch (...) {
    ::flock(lock, LOCK_UN);
    ::close(lock);
    throw;
  }
  ::flock(lock, LOCK_UN);
  ::close(lock);
  return studies;
}

}  // namespace

const std::vector<SimulatedStudy>& simulated_studies() {
  static const std::vector<SimulatedStudy> studies = build_all();
  return studies;
}

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("acuroi-metastudy-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  if (std::getenv("ACUROI_KEEP_SCRATCH") != nullptr) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path ScratchDir::write(const std::string& relative, const std::string& text) const {
  const auto file = path_ / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file;
}

ProgramResult run_program(const std::string& command_line) {
  static std::atomic<int> counter{0};
  const auto base = std::filesystem::temp_directory_path() /
                    ("acuroi-metastudy-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
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

ProgramResult run_acuroi(const std::string& arguments) {
  return run_program(std::string(ACUROI_BINARY) + " " + arguments);
}

ProgramResult run_crosscheck(const std::filesystem::path& config) {
  return run_program(std::string(ACUROI_PYTHON) + " " + ACUROI_SOURCE_DIR + "/tests/metastudy/crosscheck_meta.py " +
                     config.string());
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string data_file(const std::string& name) {
  return std::string(ACUROI_SOURCE_DIR) + "/tests/metastudy/data/" + name;
}

}  // namespace meta_test
