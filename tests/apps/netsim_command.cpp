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

}  // namespace

CommandResult run_netsim(const std::vector<std::string>& args) {
  const ScratchDir capture;
  std::string command = shell_quote(NETSIM_EXE);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " >" + shell_quote(capture.file("out")) + " 2>" + shell_quote(capture.file("err")) + " </dev/null";
  const int status = std::system(command.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file_bytes(capture.file("out"));
  r.err = read_file_bytes(capture.file("err"));
  return r;
}

}  // namespace netsim::test
