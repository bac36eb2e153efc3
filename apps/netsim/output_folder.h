#pragma once
// The folder a command writes into (--out). Checked before any work starts, created only
// when there is something to write, so a failed run leaves nothing behind. Temporaries a
// killed earlier run left in an existing folder are removed (netsim/core/atomic_file.h).

#include <string>

namespace netsim::cli {

class OutputFolder {
 public:
  // Throws ValidationError if `path` is a file, or cannot be created or written.
  explicit OutputFolder(std::string path);
  // Creates the folder (and parents) if needed; returns folder/name.
  std::string file(const std::string& name) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace netsim::cli
