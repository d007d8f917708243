#include "hpc_test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

namespace acuroi::hpc::testing {

Ran run(const std::string& command) {
  Ran result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

namespace {
std::string quote(const std::string& text) {
  std::string q = "'";
  for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}
}  // namespace

Ran acuroi(const std::vector<std::string>& args) {
  std::string command = quote(ACUROI_BINARY);
  for (const auto& a : args) command += " " + quote(a);
  return run(command);
}

Scratch::Scratch(const std::string& name) {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("acuroi_hpc_" + name + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

Scratch::~Scratch() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void copy_demo_dataset(const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy(fs::path(ACUROI_SOURCE_DIR) / "data-samples" / "demo", to, fs::copy_options::recursive);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

fs::path write_demo_config(const fs::path& path, const fs::path& dataset, const fs::path& out, const std::string& extra) {
  const fs::path configs = fs::path(ACUROI_SOURCE_DIR) / "configs";
  std::string text = read_file(configs / "demo.yaml");
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("configs/demo.yaml has no '" + from + "'");
    text.replace(at, from.size(), to);
  };
  replace("dataset: ../data-samples/demo", "dataset: " + dataset.string());
  replace("preset: pain-network.yaml", "preset: " + (configs / "pain-network.yaml").string());
  replace("dir: ../out/demo", "dir: " + out.string());
  replace("table: ../data-samples/", "table: " + (fs::path(ACUROI_SOURCE_DIR) / "data-samples").string() + "/");
  write_file(path, text + extra);
  return path;
}

std::map<std::string, std::string> output_tree(const fs::path& root) {
  static const std::regex timestamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  static const std::regex sha256("[0-9a-f]{64}");
  std::map<std::string, std::string> tree;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = entry.path().lexically_relative(root).string();
    const std::string name = entry.path().filename().string();
    if (relative.rfind("logs/", 0) == 0 || relative.rfind("hpc/", 0) == 0 || name.rfind(".acuroi-", 0) == 0) continue;
    std::string bytes = read_file(entry.path());
    bytes = std::regex_replace(bytes, timestamp, "YYYY-MM-DDTHH:MM:SSZ");
    tree[relative] = std::regex_replace(bytes, sha256, std::string(64, 'h'));
  }
  return tree;
}

std::string tree_difference(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
  for (const auto& [path, bytes] : a) {
    const auto it = b.find(path);
    if (it == b.end()) return "missing in the second tree: " + path;
    if (it->second != bytes) return "contents differ: " + path;
  }
  for (const auto& [path, bytes] : b)
    if (!a.count(path)) return "only in the second tree: " + path;
  return "";
}

}  // namespace acuroi::hpc::testing
