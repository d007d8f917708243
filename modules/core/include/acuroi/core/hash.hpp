// Content hashes for provenance and resume markers: SHA-256 as lowercase hex.
//
//   std::string h = sha256_file("sub-01_bold.nii.gz");    // streams the file
//   std::string c = sha256_hex(resolved_config_text);
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace acuroi::core {

std::string sha256_hex(std::string_view bytes);
std::string sha256_file(const std::filesystem::path& path);

// Incremental hashing, for content assembled piece by piece.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  std::string hex_digest();

 private:
  void* ctx_;
};

}  // namespace acuroi::core
