#include "plotting.h"

#include <cstdlib>
#include <filesystem>

#include "netsim/core/error.h"

namespace netsim::cli {

namespace fs = std::filesystem;

std::string python() {
  if (const char* p = std::getenv("NETSIM_PYTHON")) return p;
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

std::string drawing_script(const std::string& name, const char* environment) {
  if (const char* p = environment ? std::getenv(environment) : nullptr) return p;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "netsim" / name;
    if (fs::exists(installed, ec)) return installed.string();
  }
  return (fs::path(NETSIM_SCRIPTS_DIR) / name).string();
}

void check_drawing_possible(const std::string& script, const std::string& what) {
  if (!fs::exists(script)) {
    throw ValidationError(what + ": the drawing script " + script + " is missing (give its path in the environment, see " +
                          "docs/yaml.md, or run from a netsim checkout)");
  }
  const std::string probe = python() + " -c 'import numpy, matplotlib' >/dev/null 2>&1";
  if (std::system(probe.c_str()) != 0) {
    throw ValidationError(what + ": drawing the images needs " + python() +
                          " with numpy and matplotlib: apt-get install python3-matplotlib (nothing was written)");
  }
}

bool run_drawing_script(const std::string& script, const std::string& arguments) {
  const std::string command = python() + " " + quoted(script) + " " + arguments;
  return std::system(command.c_str()) == 0;
}

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace netsim::cli
