// Test support: configs/demo.yaml written into a scratch folder with its relative paths (dataset,
// preset, published table) made absolute and its output folder set to `out`.
//   const fs::path config = write_demo_config(work / "demo.yaml", work / "out");
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace acuroi::report::testing {

inline std::filesystem::path write_demo_config(const std::filesystem::path& path, const std::filesystem::path& out) {
  const std::filesystem::path source = ACUROI_SOURCE_DIR;
  std::ifstream demo(source / "configs/demo.yaml");
  std::stringstream text;
  text << demo.rdbuf();
  std::string yaml = text.str();
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"dataset: ../data-samples/demo", "dataset: " + (source / "data-samples/demo").string()},
           {"preset: pain-network.yaml", "preset: " + (source / "configs/pain-network.yaml").string()},
           {"dir: ../out/demo", "dir: " + out.string()},
           {"table: ../data-samples/", "table: " + (source / "data-samples").string() + "/"}}) {
    const auto at = yaml.find(from);
    if (at == std::string::npos) throw std::runtime_error("configs/demo.yaml has no '" + from + "'");
    yaml.replace(at, from.size(), to);
  }
  std::ofstream(path) << yaml;
  return path;
}

}  // namespace acuroi::report::testing
