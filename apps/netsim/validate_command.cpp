// netsim validate FILE.yaml: check the file (and the files it references) without running.
#include <iostream>

#include "command_line.h"
#include "commands.h"
#include "netsim/config/network_file.h"

namespace netsim::cli {

constexpr const char* kValidateHelp = R"(usage: netsim validate FILE.yaml

Checks the network file and every file it references, looks for algebraic loops (cycles
of synapse-none connections) and prints a one-line summary. Exit status 0 if the file is valid, 2 with
every problem listed as FILE:LINE:COL: error: key.path: message otherwise.
)";

std::string network_file_argument(const std::string& command, const std::vector<std::string>& positional) {
  if (positional.size() != 1) {
    throw UsageError("netsim " + command + ": expected one network file (netsim " + command +
                     " FILE.yaml), got " + std::to_string(positional.size()) + " arguments");
  }
  return positional.front();
}

int validate_command(const std::vector<std::string>& args) {
  const CommandLine cl("validate", args, {{"help", false}});
  if (cl.flag("help")) {
    std::cout << kValidateHelp;
    return 0;
  }
  const std::string path = network_file_argument("validate", cl.positional());
  const config::NetworkFile file = config::load_network_file(path);
  const Network& net = file.network;
  std::cout << path << ": ok: network \"" << net.name() << "\", " << net.nodes().size() << " nodes, "
            << net.connections().size() << " connections, " << net.probes().size() << " probes, "
            << net.parameter_count(true) + net.parameter_count(false) << " weights\n";
  return 0;
}

}  // namespace netsim::cli
