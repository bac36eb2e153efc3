#include "netsim/core/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "netsim/core/error.h"

namespace netsim {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  // Same directory as the target, so that rename() stays on one file system.
  temp_path_ = path_ + ".tmp" + std::to_string(::getpid());
}

AtomicFile::~AtomicFile() {
  if (!committed_) std::remove(temp_path_.c_str());
}

void AtomicFile::commit() {
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    throw Error(path_ + ": cannot write: " + reason);
  }
  committed_ = true;
}

void write_file_atomically(const std::string& path, const std::string& contents) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
    if (!out) throw Error(path + ": cannot write: " + std::strerror(errno));
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) throw Error(path + ": cannot write: " + std::strerror(errno));
  }
  file.commit();
}

}  // namespace netsim
