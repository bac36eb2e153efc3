#include "output_folder.h"

#include <unistd.h>

#include <filesystem>

#include "netsim/core/atomic_file.h"
#include "netsim/core/error.h"

namespace netsim::cli {
namespace fs = std::filesystem;

OutputFolder::OutputFolder(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  const std::string where = "--out " + path_;
  const bool exists = fs::exists(path_, ec);  // ec stays clear for a path that is merely missing
  if (ec) throw ValidationError(where + ": cannot use this folder: " + ec.message());  // a name too long, ...
  if (exists) {
    if (!fs::is_directory(path_, ec)) throw ValidationError(where + ": expected a folder, got a file");
    if (::access(path_.c_str(), W_OK) != 0) throw ValidationError(where + ": folder is not writable");
    remove_stale_temporaries(path_);  // left by an earlier run that was killed while writing
    return;
  }
  // The nearest existing parent must be a writable folder.
  fs::path parent = fs::absolute(fs::path(path_), ec).parent_path();
  while (!parent.empty() && !fs::exists(parent, ec)) parent = parent.parent_path();
  if (!fs::is_directory(parent, ec)) throw ValidationError(where + ": cannot create the folder: " + parent.string() + " is not a folder");
  if (::access(parent.c_str(), W_OK) != 0) throw ValidationError(where + ": cannot create the folder: " + parent.string() + " is not writable");
}

std::string OutputFolder::file(const std::string& name) const {
  std::error_code ec;
  fs::create_directories(path_, ec);
  if (ec) throw Error("--out " + path_ + ": cannot create the folder: " + ec.message());
  return (fs::path(path_) / name).string();
}

}  // namespace netsim::cli
