#include "acuroi/core/hash.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

// Reference digests from FIPS 180-2 (and `sha256sum`).
TEST(Hash, Sha256KnownVectors) {
  EXPECT_EQ(acuroi::core::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(acuroi::core::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Hash, FileEqualsBytes) {
  const auto path = std::filesystem::temp_directory_path() / "acuroi_hash_test.bin";
  std::string content(3 << 20, 'x');
  content[12345] = 'y';
  std::ofstream(path, std::ios::binary) << content;
  EXPECT_EQ(acuroi::core::sha256_file(path), acuroi::core::sha256_hex(content));
  std::filesystem::remove(path);
}
