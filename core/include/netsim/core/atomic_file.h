#pragma once
// Writing a file so that readers only ever see the old version or the complete new one:
// the data goes to a temporary file beside the target, which is renamed over the target
// only once it is complete. A failure (or an exception) before commit() removes the
// temporary file and leaves any existing file untouched.
//
//   AtomicFile file("out/probes.npz");
//   write_everything_to(file.temp_path());
//   file.commit();   // rename(temp, "out/probes.npz")

#include <string>

namespace netsim {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }
  // Renames the temporary file onto path(); throws Error naming the file on failure.
  void commit();

 private:
  std::string path_;
  std::string temp_path_;
  bool committed_ = false;
};

// Writes `contents` to `path` atomically; throws Error naming the file on failure.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace netsim
