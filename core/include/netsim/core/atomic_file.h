#pragma once
// Writing a file so that readers only ever see the old version or the complete new one:
// the data goes to a temporary file beside the target, which is renamed over the target
// only once it is complete. A failure (or an exception) before commit() removes the
// temporary file and leaves any existing file untouched.
//
//   AtomicFile file("out/probes.npz");
//   write_everything_to(file.temp_path());
//   file.commit();   // rename(temp, "out/probes.npz")
//
// A process killed while writing cannot remove its temporary: it stays beside the target
// as TARGET.netsim-tmp.PID (libzip, writing an archive there, adds .XXXXXX of its own).
// remove_stale_temporaries() clears those of processes that no longer run; every command
// that writes into a folder calls it first (apps/netsim/output_folder.cpp).

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
  //
  // Test hook: with NETSIM_KILL_BEFORE_COMMIT=NAME:N in the environment, the process
  // kills itself (SIGKILL) just before the N-th commit of a file named NAME, leaving the
  // complete temporary behind, as a kill at the worst moment would (tests/apps).
  void commit();

 private:
  std::string path_;
  std::string temp_path_;
  bool committed_ = false;
};

// Writes `contents` to `path` atomically; throws Error naming the file on failure.
void write_file_atomically(const std::string& path, const std::string& contents);

// True for a name AtomicFile (or libzip inside it) gives a temporary: "x.npz.netsim-tmp.123"
// or "x.npz.netsim-tmp.123.AbC9xz"; sets *pid to the process that made it.
bool is_atomic_temporary(const std::string& file_name, long* pid);

// Removes the temporaries in `folder` left by processes that no longer run (a killed
// run); returns how many. Missing folders and files it cannot remove are skipped.
int remove_stale_temporaries(const std::string& folder);

}  // namespace netsim
