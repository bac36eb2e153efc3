#pragma once
// A one-line progress bar on stderr ("[#####.....] 312/784 steps  0.8 s, ETA 1.2 s"),
// redrawn in place. Silent when stderr is not a terminal or when disabled (--quiet).

#include <chrono>
#include <string>

namespace netsim::cli {

class ProgressBar {
 public:
  ProgressBar(long total, std::string unit, bool enabled);
  ~ProgressBar();  // ends the line if anything was drawn
  void update(long done);

 private:
  long total_;
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace netsim::cli
