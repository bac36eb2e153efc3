// netsim describe FILE.yaml [--dot FILE.dot]: the network, its weights and its schedule.
#include <iostream>

#include "command_line.h"
#include "commands.h"
#include "netsim/config/network_file.h"
#include "netsim/core/atomic_file.h"
#include "network_summary.h"

namespace netsim::cli {

constexpr const char* kDescribeHelp = R"(usage: netsim describe FILE.yaml [options]

Prints the nodes, the connections with their weight counts (trainable and fixed), the
probes and the planned schedule: its stages, the operators in each, and which of them
may run in parallel.

options:
  --dot FILE.dot   also write the graph for Graphviz (dot -Tsvg FILE.dot > graph.svg)
  --minibatch B    plan for this minibatch (default: run.minibatch, else 1)
  --help           this text
)";

int describe_command(const std::vector<std::string>& args) {
  const CommandLine cl("describe", args, {{"dot"}, {"minibatch"}, {"help", false}});
  if (cl.flag("help")) {
    std::cout << kDescribeHelp;
    return 0;
  }
  const std::string path = network_file_argument("describe", cl.positional());
  const auto minibatch = cl.integer("minibatch", 1);
  const config::NetworkFile file = config::load_network_file(path);
  Simulator sim(file.network, file.simulator_options(minibatch.value_or(file.run.minibatch.value_or(1))));
  std::cout << summarize_network(file, sim);
  if (const auto dot = cl.value("dot")) {
    write_file_atomically(*dot, graphviz_dot(file.network));
    std::cout << "\nwrote " << *dot << "\n";
  }
  return 0;
}

}  // namespace netsim::cli
