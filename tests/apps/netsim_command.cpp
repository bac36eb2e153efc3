#include "apps/netsim_command.h"

#include <sys/wait.h>

#include <cstdlib>

#include "netsim/core/npy.h"
#include "scratch_dir.h"

namespace netsim::test {
namespace {

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CommandResult run_shell(std::string command) {
  const ScratchDir capture;
  command += " >" + shell_quote(capture.file("out")) + " 2>" + shell_quote(capture.file("err")) + " </dev/null";
  const int status = std::system(command.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file_bytes(capture.file("out"));
  r.err = read_file_bytes(capture.file("err"));
  return r;
}

std::string netsim_command_line(const std::vector<std::string>& args) {
  std::string command = shell_quote(NETSIM_EXE);
  for (const auto& a : args) command += " " + shell_quote(a);
  return command;
}

}  // namespace

CommandResult run_netsim(const std::vector<std::string>& args) { return run_shell(netsim_command_line(args)); }

#ifdef NETSIM_MPIEXEC
CommandResult run_netsim_on_ranks(int ranks, const std::vector<std::string>& args, const std::string& last_rank_environment) {
  const std::string np = std::string(" ") + NETSIM_MPIEXEC_NUMPROC_FLAG + " ";
  std::string command = shell_quote(NETSIM_MPIEXEC) + " " + NETSIM_MPIEXEC_FLAGS;
  if (last_rank_environment.empty()) return run_shell(command + np + std::to_string(ranks) + " " + netsim_command_line(args));
  // Open MPI's MPMD form: the last rank starts through env(1) with the extra variable.
  return run_shell(command + np + std::to_string(ranks - 1) + " " + netsim_command_line(args) + " :" + np + "1 env " +
                   shell_quote(last_rank_environment) + " " + netsim_command_line(args));
}
#endif

}  // namespace netsim::test
