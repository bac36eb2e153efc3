#pragma once
// The pictures netsim draws with Debian's python3-matplotlib (docs/architecture.md says
// why): which interpreter, where the drawing scripts are, and the check made before any
// work. Used by `eval --report` (scripts/plot_report.py) and `plot` (scripts/plot_probes.py).

#include <string>

namespace netsim::cli {

// Debian's interpreter, where python3-matplotlib installs (another python3 on PATH, e.g.
// pyenv's, usually lacks it); NETSIM_PYTHON overrides.
std::string python();

// A drawing script by file name: `environment` (a variable naming its path) if set; else
// beside an installed netsim (PREFIX/bin/netsim -> PREFIX/share/netsim/NAME); else the
// source tree's scripts/NAME.
std::string drawing_script(const std::string& name, const char* environment);

// Throws ValidationError("<what>: ...") naming the package to install when the script is
// missing or python lacks numpy and matplotlib.
void check_drawing_possible(const std::string& script, const std::string& what);

// Runs `python script args...`; false when it fails (its message went to stderr).
bool run_drawing_script(const std::string& script, const std::string& arguments);

// Single-quoted for the shell.
std::string quoted(const std::string& s);

}  // namespace netsim::cli
