#pragma once
// Runs the built `netsim` program (its path comes from CMake) as a user would, capturing
// its exit status, stdout and stderr.

#include <string>
#include <vector>

namespace netsim::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Arguments are quoted for the shell; e.g. run_netsim({"run", file, "--out", dir}).
CommandResult run_netsim(const std::vector<std::string>& args);

#ifdef NETSIM_MPIEXEC
// netsim started by mpiexec as `ranks` ranks (tests/CMakeLists.txt names mpiexec and its
// flags). With `last_rank_environment` ("NAME=VALUE"), the last rank alone runs with it.
CommandResult run_netsim_on_ranks(int ranks, const std::vector<std::string>& args,
                                  const std::string& last_rank_environment = "");
#endif

}  // namespace netsim::test
