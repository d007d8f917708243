// Atomic output: write to "<target>.tmp-<pid>-<n>" in the same directory, then rename over the
// target, so a reader never sees a partial file. If the writer is destroyed without commit()
// (an exception, a crash), the temporary is removed (or left with its .tmp name, never the target's).
//
//   AtomicFile out(path);
//   write_everything(out.temporary_path());
//   out.commit();   // fsync + rename
#pragma once
#include <filesystem>

namespace acuroi::core {

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  const std::filesystem::path& temporary_path() const { return temporary_; }
  const std::filesystem::path& target_path() const { return target_; }
  void commit();

 private:
  std::filesystem::path target_, temporary_;
  bool committed_ = false;
};

// Writes `text` to `path` atomically.
void write_text_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace acuroi::core
