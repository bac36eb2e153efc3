#include "netsim/config/diagnostic.h"

namespace netsim::config {
namespace {

std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) text += (text.empty() ? "" : "\n") + d.to_string();
  return text;
}

}  // namespace

std::string Diagnostic::to_string() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  s += ": error: ";
  if (!path.empty()) s += path + ": ";
  return s + message;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : ValidationError(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace netsim::config
