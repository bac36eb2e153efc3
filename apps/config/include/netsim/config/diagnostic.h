#pragma once
// Problems found in a network file, each located at a line and column (1-based) and a key
// path, printed compiler style:
//
//   demo.yaml:4:12: error: nodes.m.size: expected a positive integer, got "-5"

#include <string>
#include <vector>

#include "netsim/core/error.h"

namespace netsim::config {

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem has no position (e.g. an unreadable file)
  int column = 0;  // 1-based
  std::string path;  // key path: "connections[2].synapse.lowpass"; empty for the whole file
  std::string message;

  std::string to_string() const;
};

// All problems of one file. what() holds every diagnostic, one per line.
class ConfigError : public ValidationError {
 public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace netsim::config
