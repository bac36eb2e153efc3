#include "netsim/core/atomic_file.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>

#include "netsim/core/error.h"

namespace netsim {
namespace {

constexpr const char* kTempMarker = ".netsim-tmp.";

// NETSIM_KILL_BEFORE_COMMIT=NAME:N (see atomic_file.h).
void kill_if_asked(const std::string& path) {
  const char* hook = std::getenv("NETSIM_KILL_BEFORE_COMMIT");
  if (!hook) return;
  const std::string spec = hook;
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos) return;
  const std::string name = spec.substr(0, colon);
  if (std::filesystem::path(path).filename().string() != name) return;
  static std::mutex mutex;
  static std::map<std::string, long> commits;
  const std::lock_guard<std::mutex> lock(mutex);
  if (++commits[name] == std::strtol(spec.c_str() + colon + 1, nullptr, 10)) ::kill(::getpid(), SIGKILL);
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  // Same directory as the target, so that rename() stays on one file system.
  temp_path_ = path_ + kTempMarker + std::to_string(::getpid());
}

AtomicFile::~AtomicFile() {
  if (!committed_) std::remove(temp_path_.c_str());
}

void AtomicFile::commit() {
  kill_if_asked(path_);
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

bool is_atomic_temporary(const std::string& file_name, long* pid) {
  const auto at = file_name.rfind(kTempMarker);
  if (at == std::string::npos || at == 0) return false;
  const char* digits = file_name.c_str() + at + std::strlen(kTempMarker);
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(digits, &end, 10);
  if (end == digits || errno != 0 || value <= 0 || value > std::numeric_limits<pid_t>::max()) return false;
  if (*end != '\0' && *end != '.') return false;  // libzip's own suffix: ".XXXXXX"
  if (*end == '.' && std::strchr(end + 1, '.') != nullptr) return false;
  if (pid) *pid = value;
  return true;
}

int remove_stale_temporaries(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int removed = 0;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    long pid = 0;
    if (!it->is_regular_file(ec) || !is_atomic_temporary(it->path().filename().string(), &pid)) continue;
    const bool running = pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
    if (!running && fs::remove(it->path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace netsim
