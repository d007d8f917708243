#include "acuroi/core/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {
std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST(AtomicFile, TargetAppearsOnlyOnCommit) {
  const fs::path dir = fs::temp_directory_path() / "acuroi_atomic_test";
  fs::remove_all(dir);
  const fs::path target = dir / "out.txt";
  {
    acuroi::core::AtomicFile f(target);
    std::ofstream(f.temporary_path()) << "partial";
    EXPECT_FALSE(fs::exists(target));
  }  // destroyed without commit: no target, no temporary left
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(fs::is_empty(dir));
  acuroi::core::write_text_atomically(target, "complete");
  EXPECT_EQ(read_all(target), "complete");
  fs::remove_all(dir);
}
